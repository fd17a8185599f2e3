import zipcodes from 'zipcodes';

/**
 * Address facts the double checks against. Sources (test/fixtures/fedex/PROVENANCE.md, "rules"):
 * - REF = FedEx API Reference Guide (karrio's copy, modules/connectors/fedex/vendor/API-Reference-Guide.html):
 *   "U.S. State Codes", "Canada Province Codes", "Mexico State Codes", "India State Codes", "United Arab
 *   Emirates (UAE) State Codes", "Postal Aware Countries", "Countries/Territories Not Served by FedEx".
 * - Canada Post: the first letter of a postal code names the province or territory.
 * - The `zipcodes` npm package (GeoNames data): every US ZIP with its state and city, from which the
 *   states each 3-digit ZIP prefix belongs to are derived.
 */

/** REF "U.S. State Codes": the 50 states, DC and PR. */
export const US_STATES: ReadonlySet<string> = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR'.split(' '),
);

/** REF "Canada Province Codes" (QC for Quebec); PQ, Quebec's older code, is what FedEx turns QC into (rule 2.8). */
export const CA_PROVINCES: ReadonlySet<string> = new Set('AB BC MB NB NL NT NS NU ON PE QC SK YT PQ'.split(' '));

export const STATE_CODES: Record<string, ReadonlySet<string>> = {
  US: US_STATES,
  PR: new Set(['PR']),
  CA: CA_PROVINCES,
  /** REF "Mexico State Codes" */
  MX: new Set('AG BC BS CM CS CH DF CO CL DG EM GT GR HG JA MI MO NA NL OA PU QE QR SL SI SO TB TM TL VE YU ZA'.split(' ')),
  /** REF "India State Codes" */
  IN: new Set('AN AP AR AS BR CG CH DD DL DN GA GJ HR HP JK JH KA KL LD MP MH MN ML MZ NL OR PB PY RJ SK TN TR UA UP WB'.split(' ')),
  /** REF "United Arab Emirates (UAE) State Codes" */
  AE: new Set('AB AJ DU FU RA SH UM'.split(' ')),
};

/** PartyAddress: "State code is required for US, CA, PR and not required for other countries." */
export const STATE_REQUIRED: ReadonlySet<string> = new Set(['US', 'CA', 'PR']);

/** Canada Post: first letter of the postal code → province or territory. */
const CA_POSTAL_LETTER: Record<string, readonly string[]> = {
  A: ['NL'], B: ['NS'], C: ['PE'], E: ['NB'], G: ['QC', 'PQ'], H: ['QC', 'PQ'], J: ['QC', 'PQ'],
  K: ['ON'], L: ['ON'], M: ['ON'], N: ['ON'], P: ['ON'], R: ['MB'], S: ['SK'], T: ['AB'], V: ['BC'], X: ['NT', 'NU'], Y: ['YT'],
};

/**
 * REF "Postal Aware Countries" with its patterns (N digit, A letter). Spaces and hyphens are not
 * compared (REF lists "NNNNN" and "NNN NN" for the same country); the US takes ZIP and ZIP+4 (with or
 * without the hyphen: FedEx's own one-label-at-a-time samples send "336109168"), Canada
 * "ANA NAN" with or without the space, the UK its six forms with or without the space.
 */
const POSTAL_PATTERNS: Record<string, readonly string[]> = {
  AU: ['NNNN'], AT: ['NNNN'], BE: ['NNNN'], BR: ['NNNNNNNN'], CL: ['NNNNNNN'], CN: ['NNNNNN'], CO: ['NNNNNN'], CZ: ['NNNNN'],
  DK: ['NNNN'], EE: ['NNNNN'], EC: ['NNNNNN'], FI: ['NNNNN'], FR: ['NNNNN'], DE: ['NNNNN'], GR: ['NNNNN'], HU: ['NNNN'],
  IN: ['NNNNNN'], ID: ['NNNNN'], IT: ['NNNNN'], JP: ['NNNNNNN'], KR: ['NNNNN'], LV: ['NNNN'], LT: ['NNNNN'], LU: ['NNNN'],
  MY: ['NNNNN'], MX: ['NNNNN'], NL: ['NNNN', 'NNNNAA'], NO: ['NNNN'], PH: ['NNNN'], PL: ['NNNNN'], PT: ['NNNN'],
  RO: ['NNNNNN'], RU: ['NNNNNN'], SA: ['NNNNN'], SG: ['NNNNNN'], SK: ['NNNNN'], SI: ['NNNN'], ZA: ['NNNN'], ES: ['NNNNN'],
  SE: ['NNNNN'], CH: ['NNNN'], TH: ['NNNNN'], TR: ['NNNNN'],
};
const SPECIAL_POSTAL: Record<string, RegExp> = {
  US: /^\d{5}(-?\d{4})?$/,
  PR: /^\d{5}(-?\d{4})?$/,
  CA: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i,
  GB: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i,
};

export function isPostalAware(countryCode: string): boolean {
  return countryCode in POSTAL_PATTERNS || countryCode in SPECIAL_POSTAL;
}

/** undefined when FedEx publishes no pattern for the country. */
export function postalCodeFits(countryCode: string, postalCode: string): boolean | undefined {
  const special = SPECIAL_POSTAL[countryCode];
  if (special) return special.test(postalCode);
  const patterns = POSTAL_PATTERNS[countryCode];
  if (!patterns) return undefined;
  const compact = postalCode.replace(/[\s-]/g, '').toUpperCase();
  return patterns.some((p) => p.length === compact.length && [...p].every((c, i) => (c === 'N' ? /\d/ : /[A-Z]/).test(compact[i] ?? '')));
}

const usZips = Object.values(zipcodes.codes).filter((z) => z.country === 'US');
const STATES_BY_ZIP_PREFIX = new Map<string, Set<string>>();
for (const zip of usZips) {
  const prefix = zip.zip.slice(0, 3);
  const states = STATES_BY_ZIP_PREFIX.get(prefix) ?? new Set<string>();
  states.add(zip.state);
  STATES_BY_ZIP_PREFIX.set(prefix, states);
}

/** States a US ZIP's first three digits belong to; undefined for a prefix no ZIP uses. */
export function statesOfZip(zip: string): ReadonlySet<string> | undefined {
  return STATES_BY_ZIP_PREFIX.get(zip.slice(0, 3));
}

/** Provinces a Canadian postal code's first letter belongs to. */
export function provincesOfPostalCode(postalCode: string): readonly string[] | undefined {
  return CA_POSTAL_LETTER[postalCode.charAt(0).toUpperCase()];
}

/** The city a US ZIP belongs to (GeoNames' name), when the ZIP is known. */
export function cityOfZip(zip: string): string | undefined {
  return zipcodes.codes[zip.slice(0, 5)]?.city;
}

/**
 * ISO 3166-1 alpha-2: what FedEx calls "the two-letter country code". The same list as the product's
 * shared/src/countries.ts, kept apart on purpose: the double never takes the product's data as FedEx's.
 */
export const COUNTRY_CODES: ReadonlySet<string> = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
    'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
    'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
    'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
    'UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
  ).split(' '),
);

/** REF "Countries/Territories Not Served by FedEx until further notice" (names without a code mapped to ISO). */
export const NOT_SERVED: ReadonlySet<string> = new Set('CF KM CU GQ FK GW IR KI KP YT MM NR NU PM ST SL SB SO SH SD SY TJ TK TM TV YE'.split(' '));
