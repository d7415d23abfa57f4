/**
 * Reads the package's user-interface metadata — page layouts, Lightning pages (FlexiPages), quick
 * actions, tabs, apps and Lightning web component bundles — into small models, so the reference
 * rules can check that everything they name exists.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCE_ROOT, elements, filesIn, flag, readXml, text, texts, type XmlElement } from './source-metadata';

export interface LayoutMeta {
  /** File name without suffix: `<Object>-<Layout Name>`. */
  name: string;
  object: string;
  items: { field: string; behavior: string }[];
  /** Actions in the Lightning and mobile action bar. */
  actions: { name: string; type: string }[];
  relatedLists: { relatedList: string; fields: string[] }[];
}

export function readLayouts(sourceRoot = SOURCE_ROOT): LayoutMeta[] {
  return filesIn(join(sourceRoot, 'layouts'), '.layout-meta.xml').map(([name, path]) => {
    const { element } = readXml(path);
    const actionList = elements(element, 'platformActionList')[0];
    return {
      name,
      object: name.split('-')[0] ?? '',
      items: elements(element, 'layoutSections')
        .flatMap((section) => elements(section, 'layoutColumns'))
        .flatMap((column) => elements(column, 'layoutItems'))
        .filter((item) => text(item, 'field') !== undefined)
        .map((item) => ({ field: text(item, 'field') ?? '', behavior: text(item, 'behavior') ?? '' })),
      actions: (actionList ? elements(actionList, 'platformActionListItems') : []).map((item) => ({
        name: text(item, 'actionName') ?? '',
        type: text(item, 'actionType') ?? '',
      })),
      relatedLists: elements(element, 'relatedLists').map((list) => ({ relatedList: text(list, 'relatedList') ?? '', fields: texts(list, 'fields') })),
    };
  });
}

export interface ComponentMeta {
  name: string;
  identifier: string;
  /** Single-value properties by name. */
  properties: Map<string, string>;
  /** List-valued properties (e.g. the highlights panel's actionNames) by name. */
  listProperties: Map<string, string[]>;
}

export interface RegionMeta {
  name: string;
  type: string;
  components: ComponentMeta[];
  fields: { field: string; identifier: string; uiBehavior?: string }[];
}

export interface FlexiPageMeta {
  name: string;
  type: string;
  template: string;
  sobjectType?: string;
  masterLabel: string;
  regions: RegionMeta[];
}

function readComponent(instance: XmlElement): ComponentMeta {
  const properties = new Map<string, string>();
  const listProperties = new Map<string, string[]>();
  for (const property of elements(instance, 'componentInstanceProperties')) {
    const name = text(property, 'name') ?? '';
    const list = elements(property, 'valueList')[0];
    if (list) listProperties.set(name, elements(list, 'valueListItems').map((item) => text(item, 'value') ?? ''));
    else properties.set(name, text(property, 'value') ?? '');
  }
  return { name: text(instance, 'componentName') ?? '', identifier: text(instance, 'identifier') ?? '', properties, listProperties };
}

export function readFlexiPages(sourceRoot = SOURCE_ROOT): FlexiPageMeta[] {
  return filesIn(join(sourceRoot, 'flexipages'), '.flexipage-meta.xml').map(([name, path]) => {
    const { element } = readXml(path);
    const template = elements(element, 'template')[0];
    return {
      name,
      type: text(element, 'type') ?? '',
      template: template ? (text(template, 'name') ?? '') : '',
      sobjectType: text(element, 'sobjectType'),
      masterLabel: text(element, 'masterLabel') ?? '',
      regions: elements(element, 'flexiPageRegions').map((region) => {
        const items = elements(region, 'itemInstances');
        return {
          name: text(region, 'name') ?? '',
          type: text(region, 'type') ?? '',
          components: items.flatMap((item) => elements(item, 'componentInstance')).map(readComponent),
          fields: items
            .flatMap((item) => elements(item, 'fieldInstance'))
            .map((field) => {
              const behavior = elements(field, 'fieldInstanceProperties').find((property) => text(property, 'name') === 'uiBehavior');
              return { field: text(field, 'fieldItem') ?? '', identifier: text(field, 'identifier') ?? '', uiBehavior: behavior && text(behavior, 'value') };
            }),
        };
      }),
    };
  });
}

export interface QuickActionMeta {
  /** File name without suffix: `<Object>.<Action>`. */
  name: string;
  object: string;
  type: string;
  label: string;
  targetObject?: string;
  targetParentField?: string;
  layoutItems: { field: string; uiBehavior: string }[];
  fieldOverrides: { field: string; formula?: string; literalValue?: string }[];
}

export function readQuickActions(sourceRoot = SOURCE_ROOT): QuickActionMeta[] {
  return filesIn(join(sourceRoot, 'quickActions'), '.quickAction-meta.xml').map(([name, path]) => {
    const { element } = readXml(path);
    const layout = elements(element, 'quickActionLayout')[0];
    return {
      name,
      object: name.split('.')[0] ?? '',
      type: text(element, 'type') ?? '',
      label: text(element, 'label') ?? '',
      targetObject: text(element, 'targetObject'),
      targetParentField: text(element, 'targetParentField'),
      layoutItems: (layout ? elements(layout, 'quickActionLayoutColumns') : [])
        .flatMap((column) => elements(column, 'quickActionLayoutItems'))
        .filter((item) => text(item, 'field') !== undefined)
        .map((item) => ({ field: text(item, 'field') ?? '', uiBehavior: text(item, 'uiBehavior') ?? '' })),
      fieldOverrides: elements(element, 'fieldOverrides').map((override) => ({
        field: text(override, 'field') ?? '',
        formula: text(override, 'formula'),
        literalValue: text(override, 'literalValue'),
      })),
    };
  });
}

export interface TabMeta {
  name: string;
  customObject: boolean;
  flexiPage?: string;
  motif?: string;
  label?: string;
}

export function readTabs(sourceRoot = SOURCE_ROOT): TabMeta[] {
  return filesIn(join(sourceRoot, 'tabs'), '.tab-meta.xml').map(([name, path]) => {
    const { element } = readXml(path);
    return { name, customObject: flag(element, 'customObject'), flexiPage: text(element, 'flexiPage'), motif: text(element, 'motif'), label: text(element, 'label') };
  });
}

export interface AppMeta {
  name: string;
  uiType?: string;
  navType?: string;
  tabs: string[];
  overrides: { actionName: string; type: string; content: string; pageOrSobjectType: string; formFactor: string }[];
}

export function readApps(sourceRoot = SOURCE_ROOT): AppMeta[] {
  return filesIn(join(sourceRoot, 'applications'), '.app-meta.xml').map(([name, path]) => {
    const { element } = readXml(path);
    return {
      name,
      uiType: text(element, 'uiType'),
      navType: text(element, 'navType'),
      tabs: texts(element, 'tabs'),
      overrides: elements(element, 'actionOverrides').map((override) => ({
        actionName: text(override, 'actionName') ?? '',
        type: text(override, 'type') ?? '',
        content: text(override, 'content') ?? '',
        pageOrSobjectType: text(override, 'pageOrSobjectType') ?? '',
        formFactor: text(override, 'formFactor') ?? '',
      })),
    };
  });
}

export interface LwcMeta {
  name: string;
  exposed: boolean;
  targets: string[];
}

export function readLwcBundles(sourceRoot = SOURCE_ROOT): LwcMeta[] {
  const folder = join(sourceRoot, 'lwc');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => existsSync(join(folder, name, `${name}.js-meta.xml`)))
    .sort()
    .map((name) => {
      const { element } = readXml(join(folder, name, `${name}.js-meta.xml`));
      const targets = elements(element, 'targets')[0];
      return { name, exposed: flag(element, 'isExposed'), targets: targets ? texts(targets, 'target') : [] };
    });
}
