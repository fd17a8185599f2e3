import { describe, expect, it } from 'vitest';
import { isFedexPhone, parsePhone } from './phone';

describe('parsePhone', () => {
  it.each([
    ['+1 (415) 555-0100', 'US', '4155550100', undefined],
    ['415.555.0100 x123', 'US', '4155550100', '123'],
    ['1-617-555-0150', 'US', '6175550150', undefined],
    ['(555) 010-2000', 'US', '5550102000', undefined],
    ['416-555-0199 ext. 42', 'CA', '4165550199', '42'],
    ['787 555 0100', 'PR', '7875550100', undefined],
    ['011 1 212 555 0100', 'US', '2125550100', undefined],
    ['４１５５５５０１００', 'US', '4155550100', undefined],
    ['+44 (0)20 7946 0958', 'GB', '442079460958', undefined],
    ['020 7946 0958', 'GB', '02079460958', undefined],
    ['0044 20 7946 0958 #7', 'GB', '442079460958', '7'],
    ['6123 4567', 'SG', '6561234567', undefined],
    ['06 1234 56', 'IT', '3906123456', undefined],
    ['+1 415 555 0100', 'GB', '14155550100', undefined],
  ])('%s (%s) → %s ext %s', (raw, country, number, extension) => {
    const parsed = parsePhone(raw, country);
    expect(parsed).toEqual({ ok: true, value: extension ? { phoneNumber: number, phoneExtension: extension } : { phoneNumber: number } });
    if (parsed.ok) {
      expect(isFedexPhone(parsed.value.phoneNumber, country)).toBe(true);
      // Normalizing the normalized number changes nothing.
      expect(parsePhone(parsed.value.phoneNumber, country)).toEqual({ ok: true, value: { phoneNumber: number } });
    }
  });

  it.each([
    ['555-01', 'US', "'555-01' has 5 digits; FedEx needs 10 for US addresses"],
    ['+44 20 7946 0958', 'US', "'+44 20 7946 0958' is not a North American number; FedEx needs a 10-digit number for US addresses"],
    ['415 555 0100 0', 'CA', "'415 555 0100 0' has 11 digits; FedEx needs 10 for CA addresses"],
    ['1-800-FLOWERS', 'US', "'1-800-FLOWERS' has letters in it: FedEx takes digits only"],
    ['415-555-0100 x1234567', 'US', "'415-555-0100 x1234567' has a 7-digit extension; FedEx takes at most 6"],
    ['+376 312345', 'AD', "'+376 312345' has 9 digits; FedEx needs 10 to 15"],
    ['+49 1234 5678 9012 3456', 'DE', "'+49 1234 5678 9012 3456' has 18 digits; FedEx needs 10 to 15"],
    ['  ', 'US', 'is empty'],
  ])('%s (%s) is refused: %s', (raw, country, problem) => {
    expect(parsePhone(raw, country)).toEqual({ ok: false, problem });
  });
});
