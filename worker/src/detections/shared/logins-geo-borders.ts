/**
 * Countries that share a land border (ISO 3166-1 alpha-2). A hop between neighbours is what a
 * commuter, a border-region mobile carrier or a GeoIP database that puts an address on the
 * wrong side of a border produces, so impossible-travel does not alert on it at its default
 * sensitivity. Overseas departments are listed where they geolocate separately (GF).
 */

const NEIGHBOURS: Record<string, string> = {
  // Europe
  AD: 'ES FR', AL: 'GR ME MK XK', AT: 'CH CZ DE HU IT LI SK SI', BA: 'HR ME RS', BE: 'DE FR LU NL',
  BG: 'GR MK RO RS TR', BY: 'LT LV PL RU UA', CH: 'AT DE FR IT LI', CZ: 'AT DE PL SK', DE: 'AT BE CH CZ DK FR LU NL PL',
  DK: 'DE', EE: 'LV RU', ES: 'AD FR GI PT MA', FI: 'NO RU SE', FR: 'AD BE CH DE ES IT LU MC', GB: 'IE', GR: 'AL BG MK TR',
  HR: 'BA HU ME RS SI', HU: 'AT HR RO RS SK SI UA', IT: 'AT CH FR SM SI VA', LI: 'AT CH', LT: 'BY LV PL RU', LU: 'BE DE FR',
  LV: 'BY EE LT RU', MD: 'RO UA', ME: 'AL BA HR RS XK', MK: 'AL BG GR RS XK', NL: 'BE DE', NO: 'FI RU SE',
  PL: 'BY CZ DE LT RU SK UA', PT: 'ES', RO: 'BG HU MD RS UA', RS: 'BA BG HR HU ME MK RO XK',
  RU: 'AZ BY CN EE FI GE KZ KP LV LT MN NO PL UA', SE: 'FI NO', SI: 'AT HR HU IT', SK: 'AT CZ HU PL UA',
  UA: 'BY HU MD PL RO RU SK',
  // Asia
  AF: 'CN IR PK TJ TM UZ', AM: 'AZ GE IR TR', AZ: 'AM GE IR RU TR', BD: 'IN MM', BT: 'CN IN', BN: 'MY', KH: 'LA TH VN',
  CN: 'AF BT HK IN KZ KP KG LA MO MN MM NP PK RU TJ VN', GE: 'AM AZ RU TR', IN: 'BD BT CN MM NP PK', ID: 'MY PG TL',
  IR: 'AF AM AZ IQ PK TR TM', IQ: 'IR JO KW SA SY TR', IL: 'EG JO LB SY PS', JO: 'IQ IL SA SY PS', KZ: 'CN KG RU TM UZ',
  KP: 'CN KR RU', KW: 'IQ SA', KG: 'CN KZ TJ UZ', LA: 'KH CN MM TH VN', LB: 'IL SY', MY: 'BN ID TH SG', MN: 'CN RU',
  MM: 'BD CN IN LA TH', NP: 'CN IN', OM: 'SA AE YE', PK: 'AF CN IN IR', PS: 'EG', QA: 'SA', SA: 'IQ JO KW OM QA AE YE',
  SY: 'IQ IL JO LB TR', TJ: 'AF CN KG UZ', TH: 'KH LA MY MM', TR: 'AM AZ BG GE GR IR IQ SY', TM: 'AF IR KZ UZ',
  AE: 'OM SA', UZ: 'AF KZ KG TJ TM', VN: 'KH CN LA', YE: 'OM SA',
  // Africa
  DZ: 'LY ML MR MA NE TN EH', AO: 'CD CG NA ZM', BJ: 'BF NE NG TG', BW: 'NA ZA ZM ZW', BF: 'BJ CI GH ML NE TG',
  BI: 'CD RW TZ', CM: 'CF TD CG GQ GA NG', CF: 'CM TD CD CG SD SS', TD: 'CM CF LY NE NG SD', CG: 'AO CM CF CD GA',
  CD: 'AO BI CF CG RW SS TZ UG ZM', CI: 'BF GH GN LR ML', DJ: 'ER ET SO', EG: 'LY SD', GQ: 'GA', ER: 'ET SD', SZ: 'MZ ZA',
  ET: 'KE SO SS SD', GM: 'SN', GH: 'TG', GN: 'GW LR ML SN SL', GW: 'SN', KE: 'SO SS TZ UG', LS: 'ZA', LR: 'SL',
  LY: 'NE SD TN', MW: 'MZ TZ ZM', ML: 'MR NE SN', MR: 'SN EH', MA: 'EH', MZ: 'ZA TZ ZM ZW', NA: 'ZA ZM', NE: 'NG',
  RW: 'TZ UG', SS: 'SD UG', TZ: 'UG ZM', ZA: 'ZW', ZM: 'ZW',
  // Americas and Oceania
  US: 'CA MX', MX: 'GT BZ', GT: 'BZ SV HN', SV: 'HN', HN: 'NI', NI: 'CR', CR: 'PA', PA: 'CO', CO: 'VE BR PE EC',
  VE: 'BR GY', GY: 'BR SR', SR: 'BR GF', GF: 'BR', BR: 'AR BO PY PE UY', EC: 'PE', PE: 'BO CL', BO: 'PY AR CL',
  PY: 'AR', UY: 'AR', AR: 'CL', HT: 'DO', PG: 'ID',
};

/** No land border, but a bridge or tunnel people commute through every day. */
const FIXED_LINKS = ['DK SE', 'BH SA', 'HK MO'];

const PAIRS = new Set<string>();
for (const link of FIXED_LINKS) {
  const [a, b] = link.split(' ') as [string, string];
  PAIRS.add(`${a}|${b}`);
  PAIRS.add(`${b}|${a}`);
}
for (const [country, list] of Object.entries(NEIGHBOURS)) {
  for (const other of list.split(' ')) {
    PAIRS.add(`${country}|${other}`);
    PAIRS.add(`${other}|${country}`);
  }
}

/** True when the two countries share a land border or a fixed link (ISO alpha-2, case-insensitive). */
export function bordering(a: string, b: string): boolean {
  return PAIRS.has(`${a.toUpperCase()}|${b.toUpperCase()}`);
}
