// Phone numbers as FedEx takes them: digits only, the extension apart (`phoneExtension`, at most 6
// digits). US, Canada and Puerto Rico (the North American plan, country code 1): exactly 10 digits,
// a leading 1 or +1 dropped; a recipient there may have a foreign number written internationally
// (+44 …), sent as + and digits (FedEx ships it with a warning). Elsewhere: 10 to 15 digits; a number
// written nationally with fewer than 10 digits gets its country calling code, as FedEx's minimum of
// 10 requires. A number that cannot be made so is refused, saying why in words a clerk can act on.

export const PHONE_EXTENSION_MAX = 6;

/** Countries where FedEx wants exactly 10 digits (FedEx: "For US and CA"; PR shares the plan and is routed as US). */
const TEN_DIGIT_COUNTRIES = ['US', 'CA', 'PR'];

// ITU country calling codes by ISO 3166-1 alpha-2 (the countries of countries.ts).
const CALLING_CODES_SPEC =
  'AD376 AE971 AF93 AG1 AI1 AL355 AM374 AO244 AQ672 AR54 AS1 AT43 AU61 AW297 AX358 AZ994 BA387 BB1 BD880 BE32 BF226 ' +
  'BG359 BH973 BI257 BJ229 BL590 BM1 BN673 BO591 BQ599 BR55 BS1 BT975 BV47 BW267 BY375 BZ501 CA1 CC61 CD243 CF236 ' +
  'CG242 CH41 CI225 CK682 CL56 CM237 CN86 CO57 CR506 CU53 CV238 CW599 CX61 CY357 CZ420 DE49 DJ253 DK45 DM1 DO1 DZ213 ' +
  'EC593 EE372 EG20 EH212 ER291 ES34 ET251 FI358 FJ679 FK500 FM691 FO298 FR33 GA241 GB44 GD1 GE995 GF594 GG44 GH233 ' +
  'GI350 GL299 GM220 GN224 GP590 GQ240 GR30 GS500 GT502 GU1 GW245 GY592 HK852 HM672 HN504 HR385 HT509 HU36 ID62 IE353 ' +
  'IL972 IM44 IN91 IO246 IQ964 IR98 IS354 IT39 JE44 JM1 JO962 JP81 KE254 KG996 KH855 KI686 KM269 KN1 KP850 KR82 KW965 ' +
  'KY1 KZ7 LA856 LB961 LC1 LI423 LK94 LR231 LS266 LT370 LU352 LV371 LY218 MA212 MC377 MD373 ME382 MF590 MG261 MH692 ' +
  'MK389 ML223 MM95 MN976 MO853 MP1 MQ596 MR222 MS1 MT356 MU230 MV960 MW265 MX52 MY60 MZ258 NA264 NC687 NE227 NF672 ' +
  'NG234 NI505 NL31 NO47 NP977 NR674 NU683 NZ64 OM968 PA507 PE51 PF689 PG675 PH63 PK92 PL48 PM508 PN64 PR1 PS970 PT351 ' +
  'PW680 PY595 QA974 RE262 RO40 RS381 RU7 RW250 SA966 SB677 SC248 SD249 SE46 SG65 SH290 SI386 SJ47 SK421 SL232 SM378 ' +
  'SN221 SO252 SR597 SS211 ST239 SV503 SX1 SY963 SZ268 TC1 TD235 TF262 TG228 TH66 TJ992 TK690 TL670 TM993 TN216 TO676 ' +
  'TR90 TT1 TV688 TW886 TZ255 UA380 UG256 UM1 US1 UY598 UZ998 VA39 VC1 VE58 VG1 VI1 VN84 VU678 WF681 WS685 XK383 YE967 ' +
  'YT262 ZA27 ZM260 ZW263';
const CALLING_CODES: Record<string, string> = {};
for (const entry of CALLING_CODES_SPEC.split(' ')) CALLING_CODES[entry.slice(0, 2)] = entry.slice(2);

/** Countries whose national numbers keep their leading 0 after the country code (Italy and its enclaves). */
const KEEPS_TRUNK_ZERO = ['IT', 'SM', 'VA'];

export interface ParsedPhone {
  phoneNumber: string;
  phoneExtension?: string;
}

export type PhoneResult = { ok: true; value: ParsedPhone } | { ok: false; problem: string };

// "ext. 12", "extension 12", "x12", "#12" at the end of the number.
const EXTENSION = /^(.*?\d.*?)\s*(?:,|;)?\s*(?:e?xt(?:ension|n)?\.?|x|#)\s*[:.]?\s*(\d+)\s*$/i;

function describe(raw: string): string {
  return `'${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}'`;
}

function needsTenDigits(country: string): boolean {
  return TEN_DIGIT_COUNTRIES.includes(country);
}

/**
 * Parses a phone number as typed into what FedEx takes, or says why it cannot. `country` is the
 * address's ISO code; `foreignAllowed` (recipients) lets a North American address keep a foreign
 * number written with its country code.
 */
export function parsePhone(raw: string, country: string, foreignAllowed = false): PhoneResult {
  // NFKC turns full-width and other compatibility digits into ASCII ones.
  const text = raw.normalize('NFKC').replace(/[\p{Cc}\p{Cf}]/gu, ' ').trim();
  if (text === '') return { ok: false, problem: 'is empty' };
  let main = text;
  let extension: string | undefined;
  const ext = EXTENSION.exec(text);
  if (ext) {
    main = ext[1] as string;
    extension = ext[2] as string;
  }
  if (/[A-Za-z]/.test(main)) return { ok: false, problem: `${describe(raw)} has letters in it: FedEx takes digits only` };
  if (extension !== undefined && extension.length > PHONE_EXTENSION_MAX) {
    return { ok: false, problem: `${describe(raw)} has a ${extension.length}-digit extension; FedEx takes at most ${PHONE_EXTENSION_MAX}` };
  }
  // "+44 (0)20…": the (0) is the national trunk prefix, not dialled with the country code.
  const compact = main.replace(/\(\s*0\s*\)/g, '').replace(/[^\d+]/g, '');
  const international = /^(\+|00)/.test(compact) || (needsTenDigits(country) && compact.startsWith('011'));
  let digits = compact.replace(/\D/g, '');
  if (international) digits = compact.startsWith('+') ? digits : digits.slice(compact.startsWith('011') ? 3 : 2);
  const withExtension = (phoneNumber: string): PhoneResult => ({ ok: true, value: extension ? { phoneNumber, phoneExtension: extension } : { phoneNumber } });

  if (needsTenDigits(country)) {
    if (international && !digits.startsWith('1')) {
      // FedEx takes at most 15 characters, the + included.
      if (foreignAllowed && digits.length >= 10 && digits.length <= 14) return withExtension(`+${digits}`);
      return { ok: false, problem: `${describe(raw)} is not a North American number; FedEx needs a 10-digit number for ${country} addresses` };
    }
    if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
    if (digits.length !== 10) return { ok: false, problem: `${describe(raw)} has ${digits.length} digit${digits.length === 1 ? '' : 's'}; FedEx needs 10 for ${country} addresses` };
    return withExtension(digits);
  }
  if (!international && digits.length < 10 && digits.length > 0) {
    const code = CALLING_CODES[country];
    const national = KEEPS_TRUNK_ZERO.includes(country) ? digits : digits.replace(/^0+/, '');
    if (code && national.length > 0) digits = code + national;
  }
  if (digits.length < 10 || digits.length > 15) {
    return { ok: false, problem: `${describe(raw)} has ${digits.length} digit${digits.length === 1 ? '' : 's'}; FedEx needs 10 to 15${international ? '' : ', with the country code'}` };
  }
  return withExtension(digits);
}

/** Whether a phone number is already in the form FedEx takes for `country` (digits only, right count). */
export function isFedexPhone(phoneNumber: string, country: string, foreignAllowed = false): boolean {
  if (needsTenDigits(country)) return /^\d{10}$/.test(phoneNumber) || (foreignAllowed && /^\+[02-9]\d{9,13}$/.test(phoneNumber));
  return /^\d{10,15}$/.test(phoneNumber);
}

export function callingCode(country: string): string | undefined {
  return CALLING_CODES[country];
}
