import { loadPlatformCatalogue } from './platform-catalogue';
import {
  appViolations,
  compactLayoutViolations,
  flexiPageViolations,
  layoutAssignmentViolations,
  layoutViolations,
  listViewViolations,
  quickActionViolations,
  tabViolations,
  type PackageModel,
} from './reference-rules';
import { readAllAccess, readAllObjects } from './source-metadata';
import { readApps, readFlexiPages, readLayouts, readLwcBundles, readQuickActions, readTabs } from './source-pages';
import { fieldReads } from './worker-reads';

const model: PackageModel = {
  objects: readAllObjects(),
  layouts: readLayouts(),
  flexiPages: readFlexiPages(),
  quickActions: readQuickActions(),
  tabs: readTabs(),
  apps: readApps(),
  lwc: readLwcBundles(),
};
const platform = loadPlatformCatalogue();
const copy = (): PackageModel => structuredClone(model);
const page = (m: PackageModel, name: string) => {
  const found = m.flexiPages.find((p) => p.name === name);
  if (!found) throw new Error(`no Lightning page ${name}`);
  return found;
};

describe('what Salesforce provides (read from the CLI’s own templates and tab list)', () => {
  it('knows the page templates, standard components and tab styles the package relies on', () => {
    expect(platform.templateRegions.get('flexipage:recordHomeTemplateDesktop')).toEqual(new Set(['header', 'main', 'sidebar']));
    expect([...platform.components]).toEqual(expect.arrayContaining(['flexipage:filterListCard', 'record_flexipage:dynamicHighlights', 'force:relatedListContainer']));
    expect(platform.motifs.has('Custom91: Shield')).toBe(true);
    expect(platform.motifs.size).toBeGreaterThanOrEqual(90);
  });
});

describe('every name the package uses exists', () => {
  it('reads the whole package: four objects, their layouts, two Lightning pages, the request action, the app', () => {
    expect([...model.objects.keys()]).toEqual(['Warden_Action__c', 'Warden_Alert__c', 'Warden_Finding__c', 'Warden_Status__c']);
    expect(model.layouts.map((l) => l.object).sort()).toEqual([...model.objects.keys()]);
    expect(model.flexiPages.map((p) => `${p.name}:${p.type}`)).toEqual(['OrgWarden_Home:AppPage', 'Warden_Alert_Record_Page:RecordPage']);
    expect(model.quickActions.map((a) => a.name)).toEqual(['Warden_Alert__c.Request_Action']);
    expect(model.apps.map((a) => a.name)).toEqual(['OrgWarden']);
  });

  it('list views show and filter on existing fields, with picklist API names', () => {
    expect(listViewViolations(model.objects)).toEqual([]);
  });

  it('compact layouts name existing fields, and each object is assigned one', () => {
    expect(compactLayoutViolations(model.objects)).toEqual([]);
    expect([...model.objects.values()].filter((o) => !o.compactLayoutAssignment).map((o) => o.name)).toEqual([]);
  });

  it('page layouts place every field of their object, and their actions and related lists exist', () => {
    expect(layoutViolations(model)).toEqual([]);
  });

  it('Lightning pages use their template’s regions, existing components, facets, fields, list views and actions', () => {
    expect(flexiPageViolations(model, platform)).toEqual([]);
  });

  it('the request action creates a Warden Action linked to the alert, with fields that exist', () => {
    expect(quickActionViolations(model)).toEqual([]);
  });

  it('tabs have a valid style and point at an object or App Page; every object has a tab', () => {
    expect(tabViolations(model, platform)).toEqual([]);
  });

  it('the app is a Lightning app whose tabs and record page override exist', () => {
    expect(appViolations(model)).toEqual([]);
  });

  it('profiles assign existing layouts, one per object', () => {
    for (const access of readAllAccess()) expect(layoutAssignmentViolations(access, model)).toEqual([]);
  });
});

describe('fields the worker and the components read', () => {
  const reads = fieldReads(new Set(model.objects.keys()));

  it('finds the reads (the demo’s alert query, the status panel’s GraphQL)', () => {
    const files = new Set(reads.map((use) => use.file));
    expect([...files]).toEqual(expect.arrayContaining(['worker/src/cli/demo.ts', 'force-app/main/default/lwc/wardenStatus/wardenStatus.js']));
    expect(reads).toContainEqual({ file: 'worker/src/cli/demo.ts', object: 'Warden_Alert__c', field: 'Alert_Key__c' });
  });

  it('every field read exists on its object', () => {
    const missing = reads.filter((use) => !model.objects.get(use.object)?.fields.has(use.field));
    expect(missing.map((use) => `${use.file}: ${use.object}.${use.field}`)).toEqual([]);
  });
});

describe('the reference rules catch broken metadata', () => {
  it('reports list view columns and filter values that do not exist', () => {
    const broken = copy();
    const view = broken.objects.get('Warden_Finding__c')?.listViews.find((v) => v.name === 'Failing_Findings');
    view?.columns.push('Score__c');
    if (view?.filters[0]) view.filters[0].value = 'Failed';
    expect(listViewViolations(broken.objects)).toEqual([
      'Warden_Finding__c list view Failing_Findings: no field or column Score__c',
      'Warden_Finding__c list view Failing_Findings: Status__c has no value Failed',
    ]);
  });

  it('reports a field missing from its layout, a missing quick action and a related list on the wrong lookup', () => {
    const broken = copy();
    broken.quickActions = [];
    const alertLayout = broken.layouts.find((l) => l.object === 'Warden_Alert__c');
    if (alertLayout) {
      alertLayout.items = alertLayout.items.filter((item) => item.field !== 'Country__c');
      alertLayout.relatedLists[0] = { relatedList: 'Warden_Action__c.Target_User__c', fields: [] };
    }
    expect(layoutViolations(broken)).toEqual([
      'layout Warden_Alert__c-Warden Alert Layout: field Country__c is not on the layout',
      'layout Warden_Alert__c-Warden Alert Layout: no quick action Warden_Alert__c.Request_Action on Warden_Alert__c',
      'layout Warden_Alert__c-Warden Alert Layout: related list Warden_Action__c.Target_User__c: the field does not point to Warden_Alert__c',
    ]);
  });

  it('reports an unknown component, a component not exposed for the page, a region the template lacks and an unknown field', () => {
    const broken = copy();
    const record = page(broken, 'Warden_Alert_Record_Page');
    const sidebar = record.regions.find((r) => r.name === 'sidebar');
    if (sidebar) sidebar.name = 'rightSidebar';
    const status = broken.lwc.find((b) => b.name === 'wardenStatus');
    if (status) status.targets = status.targets.filter((t) => t !== 'lightning__RecordPage');
    const header = record.regions.find((r) => r.name === 'Facet-PrimaryFields');
    if (header?.fields[0]) header.fields[0].field = 'Record.Title__c';
    const home = page(broken, 'OrgWarden_Home');
    const card = home.regions.flatMap((r) => r.components).find((c) => c.identifier === 'pendingActions');
    if (card) card.name = 'flexipage:listViewCard';
    expect(flexiPageViolations(broken, platform)).toEqual([
      'Lightning page OrgWarden_Home: flexipage:listViewCard is not a standard component this package knows',
      'Lightning page Warden_Alert_Record_Page: template flexipage:recordHomeTemplateDesktop has no region rightSidebar',
      'Lightning page Warden_Alert_Record_Page: c:wardenStatus is not exposed for lightning__RecordPage',
      'Lightning page Warden_Alert_Record_Page: no field Record.Title__c',
    ]);
  });

  it('reports a list card on a missing view, an unused facet and an action that does not exist', () => {
    const broken = copy();
    const card = page(broken, 'OrgWarden_Home').regions.flatMap((r) => r.components).find((c) => c.identifier === 'failingFindings');
    card?.properties.set('filterName', 'Failing');
    const record = page(broken, 'Warden_Alert_Record_Page');
    const highlights = record.regions.flatMap((r) => r.components).find((c) => c.name === 'record_flexipage:dynamicHighlights');
    highlights?.properties.delete('secondaryFields');
    highlights?.listProperties.set('actionNames', ['Warden_Alert__c.Freeze_User', 'Edit']);
    expect(flexiPageViolations(broken, platform)).toEqual([
      'Lightning page OrgWarden_Home: flexipage:filterListCard: no list view Warden_Finding__c.Failing',
      'Lightning page Warden_Alert_Record_Page: facet Facet-SecondaryFields is not used',
      'Lightning page Warden_Alert_Record_Page: record_flexipage:dynamicHighlights: no quick action Warden_Alert__c.Freeze_User on Warden_Alert__c',
    ]);
  });

  it('reports a quick action whose parent field, fields or formula do not exist', () => {
    const broken = copy();
    const [action] = broken.quickActions;
    if (action) {
      action.targetParentField = 'Target_User__c';
      action.layoutItems.push({ field: 'Notes__c', uiBehavior: 'Edit' });
      action.fieldOverrides.push({ field: 'Target_App__c', formula: 'Warden_Alert__c.App__c' });
    }
    expect(quickActionViolations(broken)).toEqual([
      'quick action Warden_Alert__c.Request_Action: Warden_Action__c.Target_User__c is not a lookup to Warden_Alert__c',
      'quick action Warden_Alert__c.Request_Action: Warden_Action__c has no field Notes__c',
      'quick action Warden_Alert__c.Request_Action: formula for Target_App__c names unknown Warden_Alert__c.App__c',
    ]);
  });

  it('reports a bad tab style, an object without a tab, an app tab and a page override that do not exist', () => {
    const broken = copy();
    broken.tabs = broken.tabs.filter((t) => t.name !== 'Warden_Finding__c').map((t) => (t.name === 'Warden_Action__c' ? { ...t, motif: 'Custom19: Spanner' } : t));
    const [app] = broken.apps;
    if (app?.overrides[0]) app.overrides[0].content = 'Warden_Alert_Page';
    expect(tabViolations(broken, platform)).toEqual(['tab Warden_Action__c: "Custom19: Spanner" is not a tab style', 'object Warden_Finding__c has no tab']);
    expect(appViolations(broken)).toEqual([
      'app OrgWarden: no tab Warden_Finding__c',
      'app OrgWarden: View override of Warden_Alert__c is not a record page of it (Warden_Alert_Page)',
    ]);
  });
});
