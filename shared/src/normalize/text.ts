// Text as FedEx can print it: what a NetSuite field holds (pasted from e-mails, spreadsheets, web
// forms) becomes one line of visible characters. Control characters and line breaks become spaces;
// invisible characters (zero-width, bidi overrides, BOM, soft hyphen), lone surrogates, private-use
// and unassigned code points are removed; runs of whitespace collapse to one space. Letters, accents
// and other scripts are kept as they are: changing them is not ours to decide.

/** C0/C1 controls and line/paragraph separators: they split words, so they become spaces. */
const BREAKING = /[\p{Cc}\p{Zl}\p{Zp}]/gu;
/** Format characters (ZWSP, ZWJ, LRM/RLM, LRE…RLO, LRI…PDI, BOM, soft hyphen, word joiner…), surrogates, private use, unassigned. */
const INVISIBLE = /[\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu;
const SPACES = /[\p{Zs}\s]+/gu;

/** The text with invisible characters removed and whitespace collapsed; undefined when nothing visible is left. */
export function cleanText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const text = value.normalize('NFC').replace(BREAKING, ' ').replace(INVISIBLE, '').replace(SPACES, ' ').trim();
  return text === '' ? undefined : text;
}

/** True when `value` is already what cleanText makes of it (the validation's test for "clean"). */
export function isCleanText(value: string): boolean {
  return cleanText(value) === value;
}

/**
 * Shortens text to at most `max` UTF-16 units (FedEx's Java side counts those; JSON Schema counts
 * code points, never more), at the last space that keeps at least half of it, else between two
 * characters (never inside a surrogate pair). For fields that only describe (names, item
 * descriptions); never for address lines, which must stay whole.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let head = '';
  for (const ch of text) {
    if (head.length + ch.length > max) break;
    head += ch;
  }
  const space = head.lastIndexOf(' ');
  const next = text.charAt(head.length);
  if (next !== ' ' && space >= max / 2) head = head.slice(0, space);
  return head.trim();
}
