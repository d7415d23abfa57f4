import { editDistance, lookAlikeOf, nameKey, WELL_KNOWN_APPS } from './app-names';

describe('look-alike app names', () => {
  it.each([
    ['Sales Navigater Sync', 'Sales Navigator', 'typo'],
    ['Dataloder', 'Dataloader', 'typo'],
    ['Salesforse for Outlook', 'Salesforce for Outlook', 'typo'],
    ['Data1oader', 'Dataloader', 'homoglyph'],
    ['\u0405lack', 'Slack', 'homoglyph'],
    ['W\u043erkbench', 'Workbench', 'homoglyph'],
    ['Slack Connect Pro', undefined, undefined],
  ])('%s imitates %s (%s)', (name, reference, kind) => {
    const found = lookAlikeOf(name, WELL_KNOWN_APPS);
    if (reference === undefined) expect(found).toBeUndefined();
    else expect(found).toMatchObject({ reference, kind });
  });

  it.each(['Salesforce for Outlook', 'data loader', 'Slack for Salesforce', 'Dataloader.io', 'Salesforce CLI', 'ERP Sync (MuleSoft)', 'Data Warehouse Loader', 'Billing Integration', 'Boxed Lunch Orders'])(
    '%s is not a look-alike',
    (name) => expect(lookAlikeOf(name, WELL_KNOWN_APPS)).toBeUndefined(),
  );

  it('does not call a new version of an org app a look-alike of the old one', () => {
    expect(lookAlikeOf('Acme Sync 3', ['Acme Sync 2'])).toBeUndefined();
    expect(lookAlikeOf('Acme Synk 2', ['Acme Sync 2'])).toMatchObject({ kind: 'typo', edits: 1 });
  });

  it('keys spellings of one name together', () => {
    expect(nameKey('Data Loader')).toBe(nameKey('dataloader'));
    expect(nameKey('Dátaloader')).toBe('dataloader');
  });

  it('measures edit distance, stopping early past the limit', () => {
    expect(editDistance('navigator', 'navigater')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abcdefgh', 'zzzzzzzz', 2)).toBe(3);
  });
});
