/**
 * Reference rules: every name a list view, layout, Lightning page, quick action, tab or app uses
 * must exist in the package (or be a standard field, column, component or action Salesforce
 * provides). Each rule returns its violations as sentences (empty when it holds), like
 * package-rules.ts, so tests can also feed it broken copies.
 */
import type { AccessMeta, ObjectMeta } from './source-metadata';
import type { AppMeta, ComponentMeta, FlexiPageMeta, LayoutMeta, LwcMeta, QuickActionMeta, TabMeta } from './source-pages';

export interface PackageModel {
  objects: Map<string, ObjectMeta>;
  layouts: LayoutMeta[];
  flexiPages: FlexiPageMeta[];
  quickActions: QuickActionMeta[];
  tabs: TabMeta[];
  apps: AppMeta[];
  lwc: LwcMeta[];
}

/** What Salesforce itself provides, read from Salesforce's own tooling (see platform-catalogue.ts). */
export interface PlatformCatalogue {
  /** Standard Lightning page components (`flexipage:tabset`, `force:relatedListContainer` …). */
  components: Set<string>;
  /** Region names of each Lightning page template. */
  templateRegions: Map<string, Set<string>>;
  /** Custom tab styles (`Custom91: Shield` …). */
  motifs: Set<string>;
}

/** Standard fields every custom object has, as layouts, pages and compact layouts name them. */
export const STANDARD_FIELDS = new Set(['Id', 'Name', 'OwnerId', 'CreatedById', 'CreatedDate', 'LastModifiedById', 'LastModifiedDate']);
/** Standard list view and related list columns of custom objects, as the Metadata API names them. */
export const STANDARD_COLUMNS = new Set(['NAME', 'OWNER.ALIAS', 'CREATED_DATE', 'CREATEDBY_USER', 'LAST_UPDATE', 'UPDATEDBY_USER']);
/** Standard buttons a record page or layout may show. */
export const STANDARD_ACTIONS = new Set(['Edit', 'Delete', 'Clone', 'ChangeOwnerOne', 'Share']);
/** Lightning page type → the LWC target a component needs to be placed on it. */
const PAGE_TARGETS: Record<string, string> = { AppPage: 'lightning__AppPage', HomePage: 'lightning__HomePage', RecordPage: 'lightning__RecordPage' };
/** Component properties whose value names a facet (a region of type Facet). */
const FACET_PROPERTIES = new Set(['body', 'tabs', 'columns', 'primaryField', 'secondaryFields']);
const RELATIONSHIP_TYPES = new Set(['Lookup', 'MasterDetail']);

const hasField = (object: ObjectMeta | undefined, name: string) => object !== undefined && (object.fields.has(name) || STANDARD_FIELDS.has(name));

/** List views: columns and filters name existing fields; picklist filters use the picklist's API names. */
export function listViewViolations(objects: Map<string, ObjectMeta>): string[] {
  return [...objects.values()].flatMap((object) =>
    object.listViews.flatMap((view) => {
      const where = `${object.name} list view ${view.name}`;
      const unknown = [...view.columns, ...view.filters.map((f) => f.field)]
        .filter((name) => !object.fields.has(name) && !STANDARD_COLUMNS.has(name))
        .map((name) => `${where}: no field or column ${name}`);
      const badValues = view.filters.flatMap((filter) => {
        const values = object.fields.get(filter.field)?.values.map((v) => v.apiName) ?? [];
        if (values.length === 0 || filter.value === undefined) return [];
        return filter.value.split(',').filter((value) => !values.includes(value)).map((value) => `${where}: ${filter.field} has no value ${value}`);
      });
      return [...unknown, ...badValues];
    }),
  );
}

/** Compact layouts name existing fields, and the assigned one exists. */
export function compactLayoutViolations(objects: Map<string, ObjectMeta>): string[] {
  return [...objects.values()].flatMap((object) => [
    ...[...object.compactLayouts].flatMap(([name, fields]) =>
      fields.filter((field) => !hasField(object, field)).map((field) => `${object.name} compact layout ${name}: no field ${field}`),
    ),
    ...(object.compactLayoutAssignment && !object.compactLayouts.has(object.compactLayoutAssignment)
      ? [`${object.name}: assigned compact layout ${object.compactLayoutAssignment} does not exist`]
      : []),
  ]);
}

/** Page layouts: fields, actions and related lists that exist; every custom field of the object placed. */
export function layoutViolations(model: PackageModel): string[] {
  return model.layouts.flatMap((layout) => {
    const where = `layout ${layout.name}`;
    const object = model.objects.get(layout.object);
    if (!object) return [`${where}: no object ${layout.object}`];
    const placed = new Set(layout.items.map((item) => item.field));
    return [
      ...layout.items.filter((item) => !hasField(object, item.field)).map((item) => `${where}: no field ${item.field}`),
      ...[...object.fields.keys()].filter((name) => !placed.has(name)).map((name) => `${where}: field ${name} is not on the layout`),
      ...layout.actions.flatMap((action) => actionViolations(model, object.name, action.name, action.type === 'QuickAction').map((v) => `${where}: ${v}`)),
      ...layout.relatedLists.flatMap((list) => relatedListViolations(model, object, list).map((v) => `${where}: ${v}`)),
    ];
  });
}

function actionViolations(model: PackageModel, objectName: string, actionName: string, quickAction: boolean): string[] {
  if (!quickAction && STANDARD_ACTIONS.has(actionName)) return [];
  if (!quickAction) return [`unknown standard action ${actionName}`];
  return model.quickActions.some((action) => action.name === actionName && action.object === objectName) ? [] : [`no quick action ${actionName} on ${objectName}`];
}

function relatedListViolations(model: PackageModel, parent: ObjectMeta, list: { relatedList: string; fields: string[] }): string[] {
  if (list.relatedList === 'RelatedEntityHistoryList') return parent.enableHistory ? [] : [`history related list on ${parent.name}, which tracks no history`];
  const [childName = '', fieldName = ''] = list.relatedList.split('.');
  const child = model.objects.get(childName);
  const field = child?.fields.get(fieldName);
  if (!child || !field) return [`related list ${list.relatedList}: no such object or field`];
  if (!RELATIONSHIP_TYPES.has(field.type) || field.referenceTo !== parent.name) return [`related list ${list.relatedList}: the field does not point to ${parent.name}`];
  return list.fields.filter((name) => !child.fields.has(name) && !STANDARD_COLUMNS.has(name)).map((name) => `related list ${list.relatedList}: no column ${name}`);
}

/** Lightning pages: template regions, components (standard or exposed for the page type), facets, fields, list views and actions. */
export function flexiPageViolations(model: PackageModel, platform: PlatformCatalogue): string[] {
  return model.flexiPages.flatMap((page) => {
    const where = `Lightning page ${page.name}`;
    const object = page.sobjectType === undefined ? undefined : model.objects.get(page.sobjectType);
    const violations: string[] = [];
    if (page.type === 'RecordPage' && !object) violations.push(`${where}: record page for unknown object ${page.sobjectType ?? '(none)'}`);
    const regions = platform.templateRegions.get(page.template);
    if (!regions) violations.push(`${where}: unknown template ${page.template}`);
    for (const region of page.regions.filter((r) => r.type === 'Region')) {
      if (regions && !regions.has(region.name)) violations.push(`${where}: template ${page.template} has no region ${region.name}`);
    }
    violations.push(...facetViolations(page).map((v) => `${where}: ${v}`));
    for (const component of page.regions.flatMap((r) => r.components)) {
      violations.push(...componentViolations(model, platform, page, component).map((v) => `${where}: ${v}`));
    }
    for (const { field } of page.regions.flatMap((r) => r.fields)) {
      const name = field.replace(/^Record\./, '');
      if (!hasField(object, name)) violations.push(`${where}: no field ${field}`);
    }
    return violations;
  });
}

function facetViolations(page: FlexiPageMeta): string[] {
  const facets = new Set(page.regions.filter((r) => r.type === 'Facet').map((r) => r.name));
  const used = page.regions.flatMap((r) => r.components).flatMap((c) => [...c.properties].filter(([name]) => FACET_PROPERTIES.has(name)).map(([, value]) => value));
  const identifiers = page.regions.flatMap((r) => [...r.components.map((c) => c.identifier), ...r.fields.map((f) => f.identifier)]);
  return [
    ...used.filter((name) => !facets.has(name)).map((name) => `no facet ${name}`),
    ...[...facets].filter((name) => !used.includes(name)).map((name) => `facet ${name} is not used`),
    ...identifiers.filter((id, i) => !id || identifiers.indexOf(id) !== i).map((id) => `identifier "${id}" is missing or repeated`),
  ];
}

function componentViolations(model: PackageModel, platform: PlatformCatalogue, page: FlexiPageMeta, component: ComponentMeta): string[] {
  const violations: string[] = [];
  if (component.name.startsWith('c:')) {
    const bundle = model.lwc.find((b) => b.name === component.name.slice(2));
    const target = PAGE_TARGETS[page.type] ?? '';
    if (!bundle) violations.push(`no component ${component.name} in lwc/`);
    else if (!bundle.exposed || !bundle.targets.includes(target)) violations.push(`${component.name} is not exposed for ${target || page.type}`);
  } else if (!platform.components.has(component.name)) {
    violations.push(`${component.name} is not a standard component this package knows`);
  }
  const entity = component.properties.get('entityName');
  const view = component.properties.get('filterName');
  if (entity !== undefined && !model.objects.get(entity)?.listViews.some((v) => v.name === view)) violations.push(`${component.name}: no list view ${entity}.${view ?? ''}`);
  for (const action of component.listProperties.get('actionNames') ?? []) {
    // Quick actions are named `<Object>.<Action>`; standard ones by their bare name.
    const quick = action.includes('.');
    violations.push(...actionViolations(model, quick ? (action.split('.')[0] ?? '') : (page.sobjectType ?? ''), action, quick).map((v) => `${component.name}: ${v}`));
  }
  return violations;
}

/** Create quick actions: the target object, its link to the source object, and every field named exist. */
export function quickActionViolations(model: PackageModel): string[] {
  return model.quickActions.flatMap((action) => {
    const where = `quick action ${action.name}`;
    const source = model.objects.get(action.object);
    const target = model.objects.get(action.targetObject ?? '');
    if (!source) return [`${where}: no object ${action.object}`];
    if (action.type !== 'Create') return [];
    if (!target) return [`${where}: no target object ${action.targetObject ?? '(none)'}`];
    const parent = target.fields.get(action.targetParentField ?? '');
    const violations: string[] = [];
    if (!parent || !RELATIONSHIP_TYPES.has(parent.type) || parent.referenceTo !== source.name) {
      violations.push(`${where}: ${target.name}.${action.targetParentField ?? '(no parent field)'} is not a lookup to ${source.name}`);
    }
    for (const field of [...action.layoutItems.map((i) => i.field), ...action.fieldOverrides.map((o) => o.field)]) {
      if (!target.fields.has(field)) violations.push(`${where}: ${target.name} has no field ${field}`);
    }
    for (const override of action.fieldOverrides) {
      for (const [, objectName, fieldName] of (override.formula ?? '').matchAll(/\b(\w+__c)\.(\w+)\b/g)) {
        if (objectName !== source.name || !hasField(source, fieldName ?? '')) violations.push(`${where}: formula for ${override.field} names unknown ${objectName}.${fieldName}`);
      }
    }
    return violations;
  });
}

/** Tabs: a valid style, an existing object or App Page; every object gets a tab. */
export function tabViolations(model: PackageModel, platform: PlatformCatalogue): string[] {
  const tabs = new Set(model.tabs.map((tab) => tab.name));
  return [
    ...model.tabs.flatMap((tab) => {
      const where = `tab ${tab.name}`;
      const violations = tab.motif && platform.motifs.has(tab.motif) ? [] : [`${where}: "${tab.motif ?? ''}" is not a tab style`];
      if (tab.customObject && !model.objects.has(tab.name)) violations.push(`${where}: no object ${tab.name}`);
      if (tab.flexiPage !== undefined && model.flexiPages.find((p) => p.name === tab.flexiPage)?.type !== 'AppPage') violations.push(`${where}: no App Page ${tab.flexiPage}`);
      if (!tab.customObject && tab.flexiPage === undefined) violations.push(`${where}: neither an object tab nor a Lightning page tab`);
      return violations;
    }),
    ...[...model.objects.keys()].filter((name) => !tabs.has(name)).map((name) => `object ${name} has no tab`),
  ];
}

/** Apps: Lightning apps whose tabs exist and whose page overrides name record pages of the right object. */
export function appViolations(model: PackageModel): string[] {
  return model.apps.flatMap((app) => {
    const where = `app ${app.name}`;
    const violations = app.uiType === 'Lightning' ? [] : [`${where}: not a Lightning app`];
    violations.push(...app.tabs.filter((tab) => !model.tabs.some((t) => t.name === tab)).map((tab) => `${where}: no tab ${tab}`));
    for (const override of app.overrides) {
      const page = model.flexiPages.find((p) => p.name === override.content);
      if (override.type !== 'Flexipage' || page?.type !== 'RecordPage' || page.sobjectType !== override.pageOrSobjectType) {
        violations.push(`${where}: ${override.actionName} override of ${override.pageOrSobjectType} is not a record page of it (${override.content})`);
      }
    }
    return violations;
  });
}

/** Layout assignments (profiles) name existing layouts, one per object. */
export function layoutAssignmentViolations(access: AccessMeta, model: PackageModel): string[] {
  const names = new Set(model.layouts.map((layout) => layout.name));
  const objects = access.layoutAssignments.map((layout) => layout.split('-')[0]);
  return [
    ...access.layoutAssignments.filter((layout) => !names.has(layout)).map((layout) => `${access.kind} ${access.name}: no layout ${layout}`),
    ...objects.filter((object, i) => objects.indexOf(object) !== i).map((object) => `${access.kind} ${access.name}: two layouts for ${object ?? ''}`),
  ];
}
