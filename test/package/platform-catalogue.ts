/**
 * What Salesforce provides that package metadata may name — standard Lightning page components,
 * the regions of page templates, custom tab styles — read from Salesforce's own tooling shipped
 * with the `sf` CLI rather than typed in here:
 * - `@salesforce/templates` (what `sf template generate flexipage` writes): the App, Home and
 *   Record page templates, with their regions and standard components;
 * - `@salesforce/plugin-sobject` (`sf schema generate tab`): the list of tab styles ("motifs").
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PlatformCatalogue } from './reference-rules';
import { PROJECT_ROOT } from './source-metadata';

/** A package the CLI depends on: hoisted to the top node_modules, or kept inside the CLI's own. */
function packageDir(name: string): string {
  const candidates = [join(PROJECT_ROOT, 'node_modules', name), join(PROJECT_ROOT, 'node_modules', '@salesforce', 'cli', 'node_modules', name)];
  const found = candidates.find((dir) => existsSync(join(dir, 'package.json')));
  if (!found) throw new Error(`${name} not found (a dependency of @salesforce/cli): run npm ci`);
  return found;
}

/** Template regions and components from the CLI's Lightning page templates (EJS around XML). */
export function readPageTemplates(source: string[]): { components: Set<string>; templateRegions: Map<string, Set<string>> } {
  const components = new Set<string>();
  const templateRegions = new Map<string, Set<string>>();
  for (const text of source) {
    const template = /<template>\s*<name>([^<]+)<\/name>/.exec(text)?.[1];
    if (template === undefined) continue;
    const regions = templateRegions.get(template) ?? new Set<string>();
    for (const match of text.matchAll(/<name>([^<]+)<\/name>\s*<type>Region<\/type>/g)) regions.add(match[1] as string);
    templateRegions.set(template, regions);
    for (const match of text.matchAll(/<componentName>([^<]+)<\/componentName>/g)) components.add(match[1] as string);
  }
  return { components, templateRegions };
}

/** Tab styles as listed by `sf schema generate tab` (`'Custom91: Shield'`, …). */
export function readMotifs(source: string): Set<string> {
  return new Set([...source.matchAll(/'(Custom\d+: [^']+?) ?'/g)].map((match) => match[1] as string));
}

export function loadPlatformCatalogue(): PlatformCatalogue {
  const templatesDir = join(packageDir('@salesforce/templates'), 'lib', 'templates', 'flexipage');
  const templates = readdirSync(templatesDir).flatMap((kind) =>
    readdirSync(join(templatesDir, kind))
      .filter((file) => file.endsWith('.xml'))
      .map((file) => readFileSync(join(templatesDir, kind, file), 'utf8')),
  );
  const sobjectDir = packageDir('@salesforce/plugin-sobject');
  const tabCommand = readFileSync(join(sobjectDir, 'lib', 'commands', 'schema', 'generate', 'tab.js'), 'utf8');
  return { ...readPageTemplates(templates), motifs: readMotifs(tabCommand) };
}
