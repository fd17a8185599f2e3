import { deflateSync } from 'node:zlib';

/**
 * Real label files, so a connector that stores or opens labels handles genuine bytes: a one-page 4×6 in
 * PDF 1.4 with a correct xref table, a grayscale PNG with the tracking number drawn in it, and ZPL II /
 * EPL2 printer scripts. Every label says it is a test label of the double.
 */

export type LabelImageType = 'PDF' | 'PNG' | 'ZPLII' | 'EPL2';

export interface LabelContent {
  trackingNumber: string;
  serviceName: string;
  shipDate: string;
  /** "1 of 2" for multi-piece shipments. */
  pieceLabel: string;
  recipientLines: string[];
}

export interface RenderedLabel {
  bytes: Uint8Array;
  contentType: string;
  extension: string;
  /** packageDocuments[].docType */
  docType: LabelImageType;
}

const TEST_NOTICE = 'TEST LABEL - FEDEX API DOUBLE - NOT FOR SHIPPING';

export interface LabelSize {
  /**
   * Bytes of each PDF label. Default: the compact label alone (about 1.5 KB). A FedEx 4×6 PDF label
   * carries a 2D barcode image and embedded fonts and weighs tens of KB (REALISTIC_PDF_LABEL_BYTES):
   * set this where memory and storage figures must mean what they will in production.
   */
  pdfBytes?: number;
}

/**
 * A realistic FedEx 4×6 PDF label size. Real sandbox labels recorded by other FedEx clients weigh
 * about 8 KB (test labels); production labels with the 2D barcode image and fonts are several times
 * that. 40,000 bytes (53 KB in base64) is the benchmark's default.
 */
export const REALISTIC_PDF_LABEL_BYTES = 40_000;

export function renderLabel(imageType: LabelImageType, content: LabelContent, size: LabelSize = {}): RenderedLabel {
  switch (imageType) {
    case 'PDF':
      return { bytes: labelPdf(content, size.pdfBytes), contentType: 'application/pdf', extension: 'pdf', docType: 'PDF' };
    case 'PNG':
      return { bytes: labelPng(content), contentType: 'image/png', extension: 'png', docType: 'PNG' };
    case 'ZPLII':
      return { bytes: Buffer.from(labelZpl(content), 'latin1'), contentType: 'text/plain', extension: 'zpl', docType: 'ZPLII' };
    case 'EPL2':
      return { bytes: Buffer.from(labelEpl(content), 'latin1'), contentType: 'text/plain', extension: 'epl', docType: 'EPL2' };
  }
}

function ascii(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

function pdfString(text: string): string {
  return `(${ascii(text).replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** Bars derived from the digits, so each label looks different; not a scannable symbology. */
function barWidths(trackingNumber: string): number[] {
  const widths: number[] = [];
  for (const ch of trackingNumber) {
    const d = ch.charCodeAt(0) % 10;
    widths.push(1 + (d % 3), 1 + ((d >> 1) % 2), 2 + (d % 2), 1);
  }
  return widths;
}

/**
 * A 1-bit grayscale image of `bytes` bytes that looks like a 2D barcode block: pseudo-random bits
 * seeded by the tracking number (xorshift), so each label differs and, like the Flate-compressed
 * streams of a real label, the bytes do not compress.
 */
function barcodeImage(trackingNumber: string, bytes: number): { rowBytes: number; rows: number; data: Buffer } {
  const rowBytes = 64;
  const rows = Math.max(1, Math.ceil(bytes / rowBytes));
  const data = Buffer.alloc(rowBytes * rows);
  let x = 2463534242;
  for (const ch of trackingNumber) x = (Math.imul(x ^ ch.charCodeAt(0), 16777619) >>> 0) || 1;
  for (let i = 0; i < data.length; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    data.writeUInt32LE(x >>> 0, i);
  }
  return { rowBytes, rows, data };
}

export function labelPdf(content: LabelContent, targetBytes?: number): Uint8Array {
  const compact = buildPdf(content, undefined);
  if (targetBytes === undefined || targetBytes <= compact.length) return compact;
  // The image object's own dictionary and the page's reference to it cost about 250 bytes.
  const image = barcodeImage(content.trackingNumber, targetBytes - compact.length - 250);
  return buildPdf(content, image);
}

function buildPdf(content: LabelContent, image: { rowBytes: number; rows: number; data: Buffer } | undefined): Uint8Array {
  const lines: Array<[size: number, y: number, text: string]> = [
    [9, 410, TEST_NOTICE],
    [16, 380, content.serviceName],
    [10, 362, `SHIP DATE: ${content.shipDate}   PKG ${content.pieceLabel}`],
    [10, 330, 'TO:'],
    ...content.recipientLines.map((text, i): [number, number, string] => [12, 314 - i * 15, text]),
    [18, 120, `TRK# ${content.trackingNumber.replace(/(\d{4})(?=\d)/g, '$1 ')}`],
  ];
  let ops = 'BT\n';
  for (const [size, y, text] of lines) ops += `/F1 ${size} Tf 1 0 0 1 18 ${y} Tm ${pdfString(text)} Tj\n`;
  ops += 'ET\n';
  let x = 18;
  barWidths(content.trackingNumber).forEach((w, i) => {
    if (i % 2 === 0) ops += `${x} 150 ${w * 1.5} 60 re f\n`;
    x += w * 1.5;
  });
  ops += `18 100 m 270 100 l S\n`;
  if (image) ops += `q 120 0 0 ${Math.min(160, image.rows)} 150 20 cm /Im1 Do Q\n`;

  const resources = image ? '<< /Font << /F1 4 0 R >> /XObject << /Im1 6 0 R >> >>' : '<< /Font << /F1 4 0 R >> >>';
  const objects: (string | Buffer)[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 288 432] /Resources ${resources} /Contents 5 0 R >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(ops, 'latin1')} >>\nstream\n${ops}endstream`,
  ];
  if (image) {
    const dict = `<< /Type /XObject /Subtype /Image /Width ${image.rowBytes * 8} /Height ${image.rows} /ColorSpace /DeviceGray /BitsPerComponent 1 /Length ${image.data.length} >>\nstream\n`;
    objects.push(Buffer.concat([Buffer.from(dict, 'latin1'), image.data, Buffer.from('\nendstream', 'latin1')]));
  }
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%', 'latin1'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x0a])];
  let offset = chunks.reduce((n, b) => n + b.length, 0);
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(chunk);
    offset += chunk.length;
  });
  // Each xref entry is exactly 20 bytes: 10-digit offset, space, 5-digit generation, space, n/f, CR LF.
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n`;
  for (const at of offsets) xref += `${String(at).padStart(10, '0')} 00000 n\r\n`;
  xref += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
  chunks.push(Buffer.from(xref, 'latin1'));
  return new Uint8Array(Buffer.concat(chunks));
}

// 5×7 glyphs, one string per row, for the characters a tracking-number label needs.
const GLYPHS: Record<string, string[]> = {
  '0': ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
  '1': ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  '2': ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  '3': ['11110', '00001', '00001', '01110', '00001', '00001', '11110'],
  '4': ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  '5': ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  '6': ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  '7': ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  '8': ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  '9': ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
  ' ': ['00000', '00000', '00000', '00000', '00000', '00000', '00000'],
};

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

export function labelPng(content: LabelContent): Uint8Array {
  const scale = 4;
  const text = content.trackingNumber.replace(/(\d{4})(?=\d)/g, '$1 ');
  const width = 20 + text.length * 6 * scale;
  const height = 200;
  const pixels = Buffer.alloc(width * height, 0xff);
  const set = (x: number, y: number) => {
    if (x >= 0 && x < width && y >= 0 && y < height) pixels[y * width + x] = 0;
  };
  [...text].forEach((ch, i) => {
    (GLYPHS[ch] ?? GLYPHS[' '] ?? []).forEach((row, gy) => {
      [...row].forEach((bit, gx) => {
        if (bit !== '1') return;
        for (let dy = 0; dy < scale; dy += 1)
          for (let dx = 0; dx < scale; dx += 1) set(10 + (i * 6 + gx) * scale + dx, 140 + gy * scale + dy);
      });
    });
  });
  let x = 10;
  barWidths(content.trackingNumber).forEach((w, i) => {
    if (i % 2 === 0) for (let dx = 0; dx < w * 3; dx += 1) for (let y = 20; y < 120; y += 1) set(x + dx, y);
    x += w * 3;
  });
  // Each scanline starts with filter type 0 (None).
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y += 1) pixels.copy(raw, y * (width + 1) + 1, y * width, (y + 1) * width);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(0, 9); // grayscale
  const comment = Buffer.from(`Comment\0${TEST_NOTICE} ${content.trackingNumber}`, 'latin1');
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', header),
      pngChunk('tEXt', comment),
      pngChunk('IDAT', deflateSync(raw)),
      pngChunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

function labelZpl(content: LabelContent): string {
  const field = (x: number, y: number, text: string) => `^FO${x},${y}^FD${ascii(text).replace(/[\^~]/g, ' ')}^FS`;
  return [
    '^XA',
    '^CF0,24',
    field(30, 30, TEST_NOTICE),
    '^CF0,40',
    field(30, 70, content.serviceName),
    '^CF0,28',
    field(30, 120, `SHIP DATE: ${content.shipDate}  PKG ${content.pieceLabel}`),
    ...content.recipientLines.map((line, i) => field(30, 170 + i * 34, line)),
    `^BY3,2,150^FO30,500^BCN,150,Y,N,N^FD${content.trackingNumber}^FS`,
    '^XZ',
    '',
  ].join('\n');
}

function labelEpl(content: LabelContent): string {
  const text = (x: number, y: number, s: string) => `A${x},${y},0,3,1,1,N,"${ascii(s).replace(/"/g, "'")}"`;
  return [
    '',
    'N',
    text(30, 30, TEST_NOTICE),
    text(30, 70, content.serviceName),
    text(30, 110, `SHIP DATE: ${content.shipDate}  PKG ${content.pieceLabel}`),
    ...content.recipientLines.map((line, i) => text(30, 160 + i * 30, line)),
    `B30,500,0,1,3,6,150,B,"${content.trackingNumber}"`,
    'P1',
    '',
  ].join('\n');
}
