import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PROJECT_ROOT, elements, readAllObjects, readXml, texts, type ObjectMeta } from './source-metadata';

const CLI = join(PROJECT_ROOT, 'node_modules', '@salesforce', 'cli', 'bin', 'run.js');
// Converting takes about 1.3 s here; the CLI's first start on a cold machine can take much longer.
const CONVERT_TIMEOUT_MS = 120_000;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}

/** package.xml as a map from metadata type to its members. */
function manifest(outputDir: string): Map<string, string[]> {
  const { element } = readXml(join(outputDir, 'package.xml'));
  return new Map(elements(element, 'types').map((type) => [texts(type, 'name')[0] ?? '', texts(type, 'members')]));
}

describe('sf project convert source (the Salesforce CLI, offline)', () => {
  let outputDir: string;
  let convert: ReturnType<typeof spawnSync>;

  beforeAll(() => {
    const scratch = mkdtempSync(join(tmpdir(), 'orgwarden-convert-'));
    outputDir = join(scratch, 'mdapi');
    convert = spawnSync(process.execPath, [CLI, 'project', 'convert', 'source', '--root-dir', 'force-app', '--output-dir', outputDir, '--json'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      timeout: CONVERT_TIMEOUT_MS,
      // Offline and quiet: no telemetry, no update check.
      env: { ...process.env, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true', SFDX_DISABLE_TELEMETRY: 'true' },
    });
  }, CONVERT_TIMEOUT_MS + 10_000);

  afterAll(() => {
    if (outputDir) rmSync(join(outputDir, '..'), { recursive: true, force: true });
  });

  it('converts the package without error', () => {
    // On failure the CLI's own output is part of the diff, so the reason shows in the test report.
    const output = convert.status === 0 ? '' : `${String(convert.stdout)}\n${String(convert.stderr)}`;
    expect({ status: convert.status, error: convert.error?.message, output }).toEqual({ status: 0, error: undefined, output: '' });
    expect(JSON.parse(String(convert.stdout))).toMatchObject({ status: 0 });
    expect(existsSync(join(outputDir, 'package.xml'))).toBe(true);
  });

  it('lists the objects with every field, view and layout in package.xml', () => {
    const types = manifest(outputDir);
    const objects = [...readAllObjects().values()];
    const each = (describe: (object: ObjectMeta) => string[]) => objects.flatMap(describe).sort();
    expect(types.get('CustomObject')).toEqual(['Warden_Action__c', 'Warden_Alert__c', 'Warden_Finding__c', 'Warden_Status__c']);
    expect(types.get('CustomField')?.sort()).toEqual(each((o) => [...o.fields.keys()].map((name) => `${o.name}.${name}`)));
    expect(types.get('ListView')?.sort()).toEqual(each((o) => o.listViews.map((view) => `${o.name}.${view.name}`)));
    expect(types.get('CompactLayout')?.sort()).toEqual(each((o) => [...o.compactLayouts.keys()].map((name) => `${o.name}.${name}`)));
    expect(types.get('Layout')?.sort()).toEqual(objects.map((o) => `${o.name}-${o.label ?? ''} Layout`).sort());
  });

  it('lists the permission sets, the profile, the app, its tabs and pages, the request action and the components', () => {
    const types = manifest(outputDir);
    expect(types.get('PermissionSet')?.sort()).toEqual(['Warden_Admin', 'Warden_Integration']);
    expect(types.get('Profile')).toEqual(['Warden Integration']);
    expect(types.get('CustomApplication')).toEqual(['OrgWarden']);
    expect(types.get('CustomTab')?.sort()).toEqual(['OrgWarden_Home', 'Warden_Action__c', 'Warden_Alert__c', 'Warden_Finding__c', 'Warden_Status__c']);
    expect(types.get('FlexiPage')?.sort()).toEqual(['OrgWarden_Home', 'Warden_Alert_Record_Page']);
    expect(types.get('QuickAction')).toEqual(['Warden_Alert__c.Request_Action']);
    expect(types.get('LightningComponentBundle')).toEqual(expect.arrayContaining(['wardenStatus', 'errorPanel', 'ldsUtils']));
  });

  it('keeps tests and TypeScript out of the deployable package (.forceignore)', () => {
    const shipped = filesUnder(outputDir).map((path) => relative(outputDir, path));
    expect(shipped.filter((path) => path.includes('__tests__') || path.endsWith('.ts'))).toEqual([]);
    expect(shipped).toContain(join('profiles', 'Warden Integration.profile'));
  });
});
