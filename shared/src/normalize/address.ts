// Addresses as FedEx takes them: state and postal code by country, street lines of at most 35
// characters (a longer line is re-flowed over FedEx's three lines when the words allow it, never cut).
// Normalizers return the FedEx form when there is one; checkers return what is wrong, in words a
// clerk can act on, or undefined. Sources: FedEx API reference (state/province codes, postal-aware
// countries, `PartyAddress.streetLines`), USPS ZIP code prefixes, Canada Post's postal code letters.

export const MAX_STREET_LINES = 3;
export const MAX_STREET_LINE_LENGTH = 35;
export const MAX_CITY_LENGTH = 35;

/** FedEx's US state codes: the 50 states, DC and PR. */
export const US_STATES: Record<string, string> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut', DE: 'Delaware',
  DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois', IN: 'Indiana', IA: 'Iowa',
  KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland', MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota',
  MS: 'Mississippi', MO: 'Missouri', MT: 'Montana', NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey',
  NM: 'New Mexico', NY: 'New York', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon',
  PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah',
  VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming', PR: 'Puerto Rico',
};

/** Canada's 13 provinces and territories (FedEx: QC for Quebec). */
export const CA_PROVINCES: Record<string, string> = {
  AB: 'Alberta', BC: 'British Columbia', MB: 'Manitoba', NB: 'New Brunswick', NL: 'Newfoundland and Labrador', NS: 'Nova Scotia',
  NT: 'Northwest Territories', NU: 'Nunavut', ON: 'Ontario', PE: 'Prince Edward Island', QC: 'Quebec', SK: 'Saskatchewan', YT: 'Yukon',
};

/** Other names NetSuite data carries for the same provinces. */
const PROVINCE_ALIASES: Record<string, string> = { 'QUÉBEC': 'QC', PQ: 'QC', NEWFOUNDLAND: 'NL', 'YUKON TERRITORY': 'YT', 'WASHINGTON DC': 'DC', 'WASHINGTON D.C.': 'DC', 'D.C.': 'DC' };

/** Countries whose addresses need a state or province code (FedEx: US, CA and PR). */
export const STATE_REQUIRED_COUNTRIES: readonly string[] = ['US', 'CA', 'PR'];

/** FedEx API reference: the state codes of Mexico, India and the UAE (optional there, but only these codes). */
const OTHER_STATE_CODES: Record<string, readonly string[]> = {
  MX: 'AG BC BS CM CS CH DF CO CL DG EM GT GR HG JA MI MO NA NL OA PU QE QR SL SI SO TB TM TL VE YU ZA'.split(' '),
  IN: 'AN AP AR AS BR CG CH DD DL DN GA GJ HR HP JK JH KA KL LD MP MH MN ML MZ NL OR PB PY RJ SK TN TR UA UP WB'.split(' '),
  AE: 'AB AJ DU FU RA SH UM'.split(' '),
};

/** FedEx API reference, "Countries/Territories Not Served by FedEx until further notice". */
export const NOT_SERVED_COUNTRIES: readonly string[] = 'CF KM CU GQ FK GW IR KI KP YT MM NR NU PM ST SL SB SO SH SD SY TJ TK TM TV YE'.split(' ');

function byName(table: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [code, name] of Object.entries(table)) out[name.toUpperCase()] = code;
  return out;
}
const US_BY_NAME = byName(US_STATES);
const CA_BY_NAME = byName(CA_PROVINCES);

/** The state as FedEx wants it for `country`, or undefined when there is nothing to send. */
export function normalizeState(state: string | undefined, country: string): string | undefined {
  if (state === undefined) return country === 'PR' ? 'PR' : undefined;
  const upper = state.toUpperCase().replace(/\s+/g, ' ').trim();
  if (country === 'US' || country === 'CA' || country === 'PR') {
    const table = country === 'CA' ? CA_PROVINCES : US_STATES;
    if (table[upper]) return upper;
    const named = (country === 'CA' ? CA_BY_NAME : US_BY_NAME)[upper] ?? PROVINCE_ALIASES[upper];
    if (named && table[named]) return named;
    return state;
  }
  // Elsewhere the state is optional and FedEx takes at most 2 characters ("QLD" is refused), and only
  // its own codes where it lists them (MX, IN, AE): anything else is left out rather than refused.
  const listed = OTHER_STATE_CODES[country];
  if (listed) return listed.includes(upper) ? upper : undefined;
  return upper.length <= 2 ? upper : undefined;
}

/** What is wrong with a normalized state for `country`, or undefined. */
export function stateProblem(state: string | undefined, country: string): string | undefined {
  if (STATE_REQUIRED_COUNTRIES.includes(country)) {
    if (!state) return `is required for ${country} addresses`;
    const table = country === 'CA' ? CA_PROVINCES : US_STATES;
    if (!table[state]) {
      const other = country === 'CA' ? US_STATES[state] : CA_PROVINCES[state];
      return `'${state}' is not a ${country === 'CA' ? 'Canadian province' : 'US state'} code${other ? ` (${state} is ${other})` : ''}; FedEx needs one of ${Object.keys(table).join(', ')}`;
    }
    if (country === 'PR' && state !== 'PR') return `'${state}' does not fit a Puerto Rico address: use PR`;
    return undefined;
  }
  if (state !== undefined && state.length > 2) return `'${state}' is longer than FedEx's 2 characters`;
  return undefined;
}

// ---- postal codes ---------------------------------------------------------------------------

/**
 * FedEx API reference, "Postal Aware Countries", with its patterns (N a digit, A a letter; spaces and
 * hyphens not compared). A postal code is required for these countries only.
 */
const POSTAL_PATTERNS: Record<string, readonly string[]> = {
  AU: ['NNNN'], AT: ['NNNN'], BE: ['NNNN'], BR: ['NNNNNNNN'], CL: ['NNNNNNN'], CN: ['NNNNNN'], CO: ['NNNNNN'], CZ: ['NNNNN'],
  DK: ['NNNN'], EE: ['NNNNN'], EC: ['NNNNNN'], FI: ['NNNNN'], FR: ['NNNNN'], DE: ['NNNNN'], GR: ['NNNNN'], HU: ['NNNN'],
  IN: ['NNNNNN'], ID: ['NNNNN'], IT: ['NNNNN'], JP: ['NNNNNNN'], KR: ['NNNNN'], LV: ['NNNN'], LT: ['NNNNN'], LU: ['NNNN'],
  MY: ['NNNNN'], MX: ['NNNNN'], NL: ['NNNN', 'NNNNAA'], NO: ['NNNN'], PH: ['NNNN'], PL: ['NNNNN'], PT: ['NNNN'],
  RO: ['NNNNNN'], RU: ['NNNNNN'], SA: ['NNNNN'], SG: ['NNNNNN'], SK: ['NNNNN'], SI: ['NNNN'], ZA: ['NNNN'], ES: ['NNNNN'],
  SE: ['NNNNN'], CH: ['NNNN'], TH: ['NNNNN'], TR: ['NNNNN'],
};
const POSTAL_AWARE_SPECIAL = ['US', 'PR', 'CA', 'GB'];

/** Whether FedEx needs a postal code for addresses in `country`. */
export function isPostalAware(country: string): boolean {
  return country in POSTAL_PATTERNS || POSTAL_AWARE_SPECIAL.includes(country);
}

function fitsPattern(country: string, postal: string): boolean | undefined {
  const patterns = POSTAL_PATTERNS[country];
  if (!patterns) return undefined;
  const compact = postal.replace(/[\s-]/g, '').toUpperCase();
  return patterns.some((p) => p.length === compact.length && Array.from(p).every((c, i) => (c === 'N' ? /\d/ : /[A-Z]/).test(compact.charAt(i))));
}

const CA_POSTAL = /^([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]) ?(\d[ABCEGHJ-NPRSTV-Z]\d)$/;
const GB_POSTAL = /^(GIR ?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRV-Y\d]?) ?\d[ABD-HJLNP-UW-Z]{2})$/;
const US_ZIP = /^(\d{5})(?:[- ]?(\d{4}))?$/;

/** Canada Post: the first letter of a postal code is the province's. */
const CA_POSTAL_PROVINCE: Record<string, string[]> = {
  A: ['NL'], B: ['NS'], C: ['PE'], E: ['NB'], G: ['QC'], H: ['QC'], J: ['QC'], K: ['ON'], L: ['ON'], M: ['ON'], N: ['ON'], P: ['ON'],
  R: ['MB'], S: ['SK'], T: ['AB'], V: ['BC'], X: ['NT', 'NU'], Y: ['YT'],
};

// USPS ZIP code prefixes (first three digits) of each state, as ranges "from-to".
const ZIP_PREFIXES: Record<string, string> = {
  AL: '350-369', AK: '995-999', AZ: '850-865', AR: '716-729', CA: '900-961', CO: '800-816', CT: '060-069', DE: '197-199',
  DC: '200-200 202-205 569-569', FL: '320-349', GA: '300-319 398-399', HI: '967-968', ID: '832-838', IL: '600-629', IN: '460-479',
  IA: '500-528', KS: '660-679', KY: '400-427', LA: '700-714', ME: '039-049', MD: '206-219', MA: '010-027 055-055', MI: '480-499',
  MN: '550-567', MS: '386-397', MO: '630-658', MT: '590-599', NE: '680-693', NV: '889-898', NH: '030-038', NJ: '070-089',
  NM: '870-884', NY: '005-005 100-149', NC: '270-289', ND: '580-588', OH: '430-459', OK: '730-749', OR: '970-979', PA: '150-196',
  RI: '028-029', SC: '290-299', SD: '570-577', TN: '370-385', TX: '733-733 750-799 885-885', UT: '840-847', VT: '050-054 056-059',
  VA: '201-201 220-246', WA: '980-994', WV: '247-268', WI: '530-549', WY: '820-831', PR: '006-007 009-009',
};

function zipFitsState(zip5: string, state: string): boolean {
  const spec = ZIP_PREFIXES[state];
  if (!spec) return true;
  const prefix = Number(zip5.slice(0, 3));
  return spec.split(' ').some((range) => {
    const [from, to] = range.split('-').map(Number) as [number, number];
    return prefix >= from && prefix <= to;
  });
}

/** The states a ZIP code's prefix belongs to. */
function statesOfZip(zip5: string): string[] {
  return Object.keys(ZIP_PREFIXES).filter((state) => zipFitsState(zip5, state));
}

/** The postal code as FedEx wants it for `country`; values it cannot fix are returned as given. */
export function normalizePostalCode(postal: string | undefined, country: string, state: string | undefined): string | undefined {
  if (postal === undefined) return undefined;
  const upper = postal.toUpperCase().replace(/\s+/g, ' ').trim();
  if (country === 'US' || country === 'PR') {
    const zip = US_ZIP.exec(upper);
    // FedEx routes on the 5-digit ZIP; ZIP+4 is sent as its first five digits.
    if (zip) return zip[1];
    // A 4-digit ZIP is a 5-digit one whose leading zero a spreadsheet dropped (New England, NJ, PR):
    // restored only when the state agrees, so '9410' for California stays wrong.
    if (/^\d{4}$/.test(upper) && state && zipFitsState(`0${upper}`, state) && ZIP_PREFIXES[state]?.startsWith('0')) return `0${upper}`;
    return postal;
  }
  if (country === 'CA') {
    const m = CA_POSTAL.exec(upper);
    return m ? `${m[1]} ${m[2]}` : postal;
  }
  if (country === 'GB') {
    const compact = upper.replace(/ /g, '');
    return GB_POSTAL.test(compact) ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : upper;
  }
  return upper;
}

const looksCanadian = (postal: string) => CA_POSTAL.test(postal.toUpperCase());
const looksUs = (postal: string) => US_ZIP.test(postal);

/** What is wrong with a normalized postal code for `country` and state, or undefined. */
export function postalCodeProblem(postal: string | undefined, country: string, state: string | undefined, required: boolean): string | undefined {
  if (postal === undefined || postal === '') return required ? `is required for ${country} addresses` : undefined;
  if (postal.length > 10) return `'${postal.slice(0, 20)}' is longer than FedEx's 10 characters`;
  if (country === 'US' || country === 'PR') {
    if (!/^\d{5}$/.test(postal)) {
      if (looksCanadian(postal)) return `'${postal}' is a Canadian postal code, but the country is ${country}: check the address's country`;
      return `'${postal}' is not a US ZIP code; FedEx needs 5 digits (or ZIP+4)`;
    }
    if (state && US_STATES[state] && !zipFitsState(postal, state)) {
      const states = statesOfZip(postal);
      return `'${postal}' does not fit state ${state}${states.length ? ` (it is a ZIP code of ${states.join('/')})` : ''}: check the ZIP code and the state`;
    }
    return undefined;
  }
  if (country === 'CA') {
    const m = CA_POSTAL.exec(postal);
    if (!m) {
      if (looksUs(postal)) return `'${postal}' is a US ZIP code, but the country is CA: check the address's country`;
      return `'${postal}' is not a Canadian postal code (A1A 1A1)`;
    }
    const provinces = CA_POSTAL_PROVINCE[postal.charAt(0)] ?? [];
    if (state && CA_PROVINCES[state] && !provinces.includes(state)) {
      return `'${postal}' does not fit province ${state} (it is a postal code of ${provinces.join('/')}): check the postal code and the province`;
    }
    return undefined;
  }
  if (country === 'GB' && !GB_POSTAL.test(postal.replace(/ /g, ''))) return `'${postal}' is not a UK postcode`;
  if (fitsPattern(country, postal) === false) return `'${postal}' is not a postal code of ${country} (FedEx: ${(POSTAL_PATTERNS[country] ?? []).join(' or ')}, N a digit, A a letter)`;
  return undefined;
}

/** FedEx Ground and Home Delivery do not deliver to P.O. boxes. */
export const PO_BOX = /\b(P\.?\s*O\.?\s*BOX|POST\s+OFFICE\s+BOX)\b/i;

// ---- street lines ---------------------------------------------------------------------------

/** Greedy word wrap into lines of at most `max`; undefined when a single word is longer than a line. */
function wrap(text: string, max: number): string[] | undefined {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (word.length > max) return undefined;
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= max) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * NetSuite's address lines (already cleaned, empty ones dropped) as FedEx's street lines. Lines of
 * 35 characters or fewer stay as they are; a longer line is wrapped at spaces onto the next lines.
 * When that makes more than three lines, all the text is re-flowed over three. When even that does
 * not fit (or one word is longer than 35), the lines are returned unchanged for the validation to refuse.
 */
export function fitStreetLines(lines: string[]): string[] {
  if (lines.every((l) => l.length <= MAX_STREET_LINE_LENGTH)) return lines;
  const split: string[] = [];
  for (const line of lines) {
    const wrapped = wrap(line, MAX_STREET_LINE_LENGTH);
    if (!wrapped) return lines;
    split.push(...wrapped);
  }
  if (split.length <= MAX_STREET_LINES) return split;
  const reflowed = wrap(lines.join(' '), MAX_STREET_LINE_LENGTH);
  return reflowed && reflowed.length <= MAX_STREET_LINES ? reflowed : lines;
}
