import type { RuleReport } from './report';

/**
 * 11. Text. FedEx publishes no character set: letters it cannot print come out as "?" on the label
 * (11.1, accepted; see labels.ts). For control and bidirectional-override characters nothing is
 * published either (11.2); the double refuses them, its one stricter-than-documented choice here,
 * because no label printer or customs form can carry them and removing them loses nothing.
 */
export const TEXT_RULES = ['11.2'] as const;

// C0 and C1 controls (tab, newline and carriage return included), DEL, and the bidi embeddings,
// overrides and isolates (U+202A..U+202E, U+2066..U+2069).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function checkText(value: unknown, path: string, report: RuleReport): void {
  if (typeof value === 'string') {
    if (UNPRINTABLE.test(value)) {
      const code = value.codePointAt(value.search(UNPRINTABLE)) ?? 0;
      report.invalid('11.2', path, `contains the control or direction character U+${code.toString(16).toUpperCase().padStart(4, '0')}`);
    }
    return;
  }
  if (Array.isArray(value)) value.forEach((item, i) => checkText(item, `${path}[${i}]`, report));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) checkText(child, path === '' ? key : `${path}.${key}`, report);
  }
}
