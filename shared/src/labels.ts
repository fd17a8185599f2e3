// How a FedEx label is kept in NetSuite's File Cabinet, decided without I/O. PDF and PNG are binary
// files (one per package). ZPL II and EPL2 are printer scripts a thermal printer takes as they are:
// the connector keeps exactly the bytes FedEx sent, all packages of a shipment in one file (one
// print job, master label first), as a text file whose ISO-8859-1 encoding maps every byte 0-255 to
// one character, so nothing is re-encoded on the way in or out.

export type LabelStorage =
  | { kind: 'binary'; fileType: 'PDF' | 'PNGIMAGE'; extension: 'pdf' | 'png' }
  | { kind: 'printer'; fileType: 'PLAINTEXT'; extension: 'zpl' | 'epl'; encoding: 'ISO-8859-1' };

/** The relay's label content types (shared/src/fedex/ship-response.ts LABEL_CONTENT_TYPES). */
export function labelStorageFor(contentType: string): LabelStorage | undefined {
  switch (contentType.toLowerCase().split(';')[0]?.trim()) {
    case 'application/pdf':
      return { kind: 'binary', fileType: 'PDF', extension: 'pdf' };
    case 'image/png':
      return { kind: 'binary', fileType: 'PNGIMAGE', extension: 'png' };
    case 'application/x-zpl':
      return { kind: 'printer', fileType: 'PLAINTEXT', extension: 'zpl', encoding: 'ISO-8859-1' };
    case 'application/x-epl2':
      return { kind: 'printer', fileType: 'PLAINTEXT', extension: 'epl', encoding: 'ISO-8859-1' };
    default:
      return undefined;
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE: Record<string, number> = {};
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET[i] as string] = i;

/**
 * Base64 → a "binary string": one character (U+0000-U+00FF) per byte. SuiteScript has no atob and
 * N/encode decodes base64 only to UTF-8, which would mangle bytes over 0x7F. Throws on bad input.
 */
export function base64ToBinaryString(base64: string): string {
  const text = base64.replace(/\s+/g, '').replace(/=+$/, '');
  if (text.length % 4 === 1) throw new Error('not base64: bad length');
  const out: string[] = [];
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const v = VALUE[text[i] as string];
    if (v === undefined) throw new Error(`not base64: character ${JSON.stringify(text[i])} at ${i}`);
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push(String.fromCharCode((buffer >> bits) & 0xff));
    }
  }
  return out.join('');
}
