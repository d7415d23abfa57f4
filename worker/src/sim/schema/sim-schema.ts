/**
 * The simulated org's data dictionary: standard objects plus the package's custom objects,
 * looked up case-insensitively by name or by key prefix.
 */
import { loadCustomObjects } from './custom-objects';
import { defaultPackageDir } from './package-dir';
import { standardObjectDefs } from './standard-objects';
import type { FieldDef, Schema, SObjectDef } from './types';

export interface SchemaOptions {
  /** SFDX package directory to read custom objects from; default the repository's `force-app`. */
  packageDir?: string;
  /** Leave out EventLogFile (an org whose user cannot see event log files). */
  withoutEventLogFiles?: boolean;
  /** Leave out the Real-Time Event Monitoring storage objects (an org without Event Monitoring). */
  withoutRealTimeEvents?: boolean;
}

function licensed(def: SObjectDef, options: SchemaOptions): boolean {
  if (options.withoutEventLogFiles && def.name === 'EventLogFile') return false;
  return !(options.withoutRealTimeEvents && def.realTimeEventMonitoring);
}

export class SimSchema implements Schema {
  private readonly byName = new Map<string, SObjectDef>();
  private readonly byPrefix = new Map<string, SObjectDef>();

  constructor(defs: Iterable<SObjectDef>) {
    for (const def of defs) {
      const clash = this.byPrefix.get(def.keyPrefix);
      if (clash) throw new Error(`key prefix ${def.keyPrefix} used by both ${clash.name} and ${def.name}`);
      this.byName.set(def.name.toLowerCase(), def);
      this.byPrefix.set(def.keyPrefix, def);
    }
  }

  /** Standard objects plus the custom objects of the package directory. */
  static load(options: SchemaOptions = {}): SimSchema {
    const packageDir = options.packageDir ?? defaultPackageDir();
    const standard = standardObjectDefs().filter((d) => licensed(d, options));
    return new SimSchema([...standard, ...(packageDir ? loadCustomObjects(packageDir) : [])]);
  }

  get(name: string): SObjectDef | undefined {
    return this.byName.get(name.toLowerCase());
  }

  all(): Iterable<SObjectDef> {
    return this.byName.values();
  }

  /** The object whose records have ids starting with `keyPrefix`. */
  byKeyPrefix(keyPrefix: string): SObjectDef | undefined {
    return this.byPrefix.get(keyPrefix);
  }

  /** A field of an object by case-insensitive name. */
  field(sobject: string, name: string): FieldDef | undefined {
    return this.get(sobject)?.fields.get(name.toLowerCase());
  }
}
