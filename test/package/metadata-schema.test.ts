import { readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { MAX_LENGTHS, SUFFIX_TYPES, schemaViolations } from './metadata-schema';
import { PROJECT_ROOT, SOURCE_ROOT, readXml } from './source-metadata';

function metadataFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : metadataFiles(path);
    return entry.name.endsWith('-meta.xml') ? [path] : [];
  });
}

function fileViolations(path: string): string[] {
  const name = relative(PROJECT_ROOT, path);
  const suffix = Object.keys(SUFFIX_TYPES).find((candidate) => path.endsWith(candidate));
  if (suffix === undefined) return [`${name}: unknown metadata suffix; add it to SUFFIX_TYPES in metadata-schema.ts`];
  const { root, element } = readXml(path);
  const expected = SUFFIX_TYPES[suffix];
  if (root !== expected) return [`${name}: root element <${root}>, expected <${expected}>`];
  return schemaViolations(root, element, name);
}

describe('org package metadata against the Metadata API schema', () => {
  const files = metadataFiles(SOURCE_ROOT);

  it('finds the package metadata', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((path) => [relative(SOURCE_ROOT, path), path]))('%s uses only known elements with valid values', (_name, path) => {
    expect(fileViolations(path)).toEqual([]);
  });
});

describe('the schema check catches broken metadata', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'orgwarden-schema-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  function check(fileName: string, xml: string): string[] {
    const path = join(scratch, fileName);
    writeFileSync(path, `<?xml version="1.0" encoding="UTF-8"?>\n${xml}\n`);
    return fileViolations(path);
  }

  it('reports a misspelt element, a bad boolean and a missing required element', () => {
    const violations = check(
      'Broken__c.field-meta.xml',
      `<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
         <fullName>Broken__c</fullName><label>Broken</label><type>LongTextArea</type><length>32768</length>
         <visibleLine>5</visibleLine><externalId>yes</externalId>
         <valueSet><valueSetDefinition><value><fullName>A</fullName><label>A</label></value></valueSetDefinition></valueSet>
       </CustomField>`,
    );
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.stringContaining('CustomField has no element <visibleLine>'),
        expect.stringContaining('externalId: "yes" is not true or false'),
        expect.stringContaining('ValueSetValuesDefinition requires <sorted>'),
        expect.stringContaining('CustomValue requires <default>'),
      ]),
    );
  });

  it('reports text over the length Salesforce accepts', () => {
    const limit = MAX_LENGTHS['PermissionSet.description'] ?? 0;
    const violations = check(
      'Too_Long.permissionset-meta.xml',
      `<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata"><description>${'x'.repeat(limit + 1)}</description><label>Too Long</label></PermissionSet>`,
    );
    expect(violations).toEqual([expect.stringContaining(`${limit + 1} characters, the limit is ${limit}`)]);
  });

  it('reports a value outside its enumeration, and the Lightning page shape older API versions used', () => {
    const violations = check(
      'Broken.flexipage-meta.xml',
      `<FlexiPage xmlns="http://soap.sforce.com/2006/04/metadata">
         <flexiPageRegions><componentInstances><componentName>c:x</componentName></componentInstances><name>main</name><type>Regoin</type></flexiPageRegions>
         <masterLabel>Broken</masterLabel><template><name>flexipage:recordHomeTemplateDesktop</name></template><type>RecordPage</type>
       </FlexiPage>`,
    );
    expect(violations).toEqual([
      expect.stringContaining('FlexiPageRegion has no element <componentInstances>'),
      expect.stringContaining('"Regoin" is not a FlexiPageRegionType (Region, Facet, Background)'),
    ]);
  });

  it('reports a file whose root element does not match its suffix', () => {
    expect(check('Wrong.tab-meta.xml', '<CustomApplication xmlns="http://soap.sforce.com/2006/04/metadata"/>')).toEqual([
      expect.stringContaining('root element <CustomApplication>, expected <CustomTab>'),
    ]);
  });
});
