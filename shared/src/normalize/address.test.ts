import { describe, expect, it } from 'vitest';
import { fitStreetLines, normalizePostalCode, normalizeState, postalCodeProblem, stateProblem } from './address';

describe('states', () => {
  it.each([
    ['ca', 'US', 'CA'],
    ['California', 'US', 'CA'],
    ['district of columbia', 'US', 'DC'],
    ['Ontario', 'CA', 'ON'],
    ['Québec', 'CA', 'QC'],
    ['PQ', 'CA', 'QC'],
    [undefined, 'PR', 'PR'],
    ['Queensland', 'AU', undefined],
    ['nsw', 'AU', undefined],
    ['vd', 'CH', 'VD'],
  ])('%s in %s → %s', (raw, country, state) => {
    expect(normalizeState(raw, country)).toBe(state);
  });

  it('names what is wrong', () => {
    expect(stateProblem('ZZ', 'US')).toMatch(/^'ZZ' is not a US state code; FedEx needs one of AL, AK/);
    expect(stateProblem('ON', 'US')).toMatch(/^'ON' is not a US state code \(ON is Ontario\)/);
    expect(stateProblem(undefined, 'CA')).toBe('is required for CA addresses');
    expect(stateProblem('QLD', 'AU')).toBe("'QLD' is longer than FedEx's 2 characters");
    expect(stateProblem('TN', 'US')).toBeUndefined();
    expect(stateProblem(undefined, 'GB')).toBeUndefined();
  });
});

describe('postal codes', () => {
  it.each([
    ['94105-1234', 'US', 'CA', '94105'],
    ['941051234', 'US', 'CA', '94105'],
    ['2134', 'US', 'MA', '02134'],
    ['9410', 'US', 'CA', '9410'],
    ['k1a0b1', 'CA', 'ON', 'K1A 0B1'],
    ['sw1a2aa', 'GB', undefined, 'SW1A 2AA'],
    ['ec1a 1bb', 'GB', undefined, 'EC1A 1BB'],
    [' 75008 ', 'FR', undefined, '75008'],
  ])('%s (%s %s) → %s', (raw, country, state, postal) => {
    expect(normalizePostalCode(raw, country, state)).toBe(postal);
  });

  it.each([
    // A real ZIP of each state, and the cross-state prefixes (IRS, military-free exceptions).
    ['10001', 'NY'], ['00501', 'NY'], ['94105', 'CA'], ['60601', 'IL'], ['02134', 'MA'], ['05501', 'MA'], ['06103', 'CT'],
    ['07030', 'NJ'], ['20500', 'DC'], ['20101', 'VA'], ['22201', 'VA'], ['30301', 'GA'], ['39901', 'GA'], ['33101', 'FL'],
    ['38116', 'TN'], ['39201', 'MS'], ['73301', 'TX'], ['79901', 'TX'], ['88510', 'TX'], ['87101', 'NM'], ['89101', 'NV'],
    ['96813', 'HI'], ['99501', 'AK'], ['97201', 'OR'], ['98101', 'WA'], ['83702', 'ID'], ['84101', 'UT'], ['85001', 'AZ'],
    ['80202', 'CO'], ['82001', 'WY'], ['59601', 'MT'], ['58501', 'ND'], ['57501', 'SD'], ['68501', 'NE'], ['66601', 'KS'],
    ['73101', 'OK'], ['70112', 'LA'], ['72201', 'AR'], ['63101', 'MO'], ['50309', 'IA'], ['55101', 'MN'], ['53202', 'WI'],
    ['48201', 'MI'], ['46201', 'IN'], ['43215', 'OH'], ['40601', 'KY'], ['25301', 'WV'], ['27601', 'NC'], ['29201', 'SC'],
    ['35203', 'AL'], ['19901', 'DE'], ['21201', 'MD'], ['15222', 'PA'], ['03301', 'NH'], ['04101', 'ME'], ['05601', 'VT'],
    ['02903', 'RI'], ['00901', 'PR'], ['56901', 'DC'],
  ])('ZIP %s fits %s', (zip, state) => {
    expect(postalCodeProblem(zip, 'US', state, true)).toBeUndefined();
  });

  it('refuses with a reason a clerk understands', () => {
    expect(postalCodeProblem('K1A 0B1', 'US', 'NY', true)).toBe("'K1A 0B1' is a Canadian postal code, but the country is US: check the address's country");
    expect(postalCodeProblem('9410', 'US', 'CA', true)).toBe("'9410' is not a US ZIP code; FedEx needs 5 digits (or ZIP+4)");
    expect(postalCodeProblem('ABCDE', 'US', 'CA', true)).toBe("'ABCDE' is not a US ZIP code; FedEx needs 5 digits (or ZIP+4)");
    expect(postalCodeProblem('94105', 'US', 'NY', true)).toBe("'94105' does not fit state NY (it is a ZIP code of CA): check the ZIP code and the state");
    expect(postalCodeProblem('10001', 'CA', 'ON', true)).toBe("'10001' is a US ZIP code, but the country is CA: check the address's country");
    expect(postalCodeProblem('V6B 1A1', 'CA', 'ON', true)).toBe("'V6B 1A1' does not fit province ON (it is a postal code of BC): check the postal code and the province");
    expect(postalCodeProblem('12345', 'GB', undefined, true)).toBe("'12345' is not a UK postcode");
    expect(postalCodeProblem(undefined, 'DE', undefined, true)).toBe('is required for DE addresses');
    expect(postalCodeProblem(undefined, 'HK', undefined, false)).toBeUndefined();
    expect(postalCodeProblem('12345678901', 'DE', undefined, true)).toMatch(/longer than FedEx's 10 characters/);
  });
});

describe('fitStreetLines', () => {
  it('keeps lines of 35 or fewer as they are', () => {
    expect(fitStreetLines(['1 Main St', 'Suite 200'])).toEqual(['1 Main St', 'Suite 200']);
  });

  it('wraps a 41-character line onto the next line', () => {
    const line = '410 North Martin Luther King Jr Boulevard';
    expect(line).toHaveLength(41);
    expect(fitStreetLines([line, 'Apt 5'])).toEqual(['410 North Martin Luther King Jr', 'Boulevard', 'Apt 5']);
  });

  it('re-flows all lines over three when splitting one makes four', () => {
    const lines = fitStreetLines(['Building 7, Riverside Industrial Park East', 'Unit 12', 'Loading dock B']);
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(lines.every((l) => l.length <= 35)).toBe(true);
    expect(lines.join(' ')).toBe('Building 7, Riverside Industrial Park East Unit 12 Loading dock B');
  });

  it('leaves what cannot fit for the validation to refuse', () => {
    const word = `X${'y'.repeat(40)}`;
    expect(fitStreetLines([word])).toEqual([word]);
    const long = Array.from({ length: 12 }, (_, i) => `Word${i}xxxx`).join(' ');
    expect(fitStreetLines([long])).toEqual([long]);
  });
});
