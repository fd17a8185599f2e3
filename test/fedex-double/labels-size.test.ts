// Label size as a setting of the double: realistic FedEx 4×6 PDF labels weigh tens of KB, so memory
// and storage figures measured against the double mean what they will in production.
import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createFedexDouble, REALISTIC_PDF_LABEL_BYTES } from './index';
import { labelPdf } from './labels';
import { buildShipRequest } from './request-builders';
import { apiClient } from './test-support';

const CONTENT = { trackingNumber: '794600000017', serviceName: 'FEDEX GROUND', shipDate: '2025-01-06', pieceLabel: '1 of 1', recipientLines: ['Acme Retail', '1 Main St', 'Memphis TN 38116', 'US'] };

/** Checks what a PDF reader checks first: header, trailer, and every xref offset pointing at its object. */
function expectWellFormedPdf(bytes: Uint8Array): void {
  const text = Buffer.from(bytes).toString('latin1');
  expect(text.startsWith('%PDF-1.4')).toBe(true);
  expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(text)?.[1]);
  expect(text.slice(startxref, startxref + 4)).toBe('xref');
  const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n\r$/gm)].map((m) => Number(m[1]));
  offsets.forEach((at, i) => expect(text.slice(at, at + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
}

describe('PDF label size', () => {
  it('is the compact label by default, and the requested size when set: still one well-formed page', () => {
    const compact = labelPdf(CONTENT);
    expect(compact.length).toBeLessThan(3_000);
    expectWellFormedPdf(compact);
    for (const target of [10_000, REALISTIC_PDF_LABEL_BYTES, 120_000]) {
      const label = labelPdf(CONTENT, target);
      expect(Math.abs(label.length - target) / target).toBeLessThan(0.01);
      expectWellFormedPdf(label);
      expect(Buffer.from(label).toString('latin1')).toContain('/Subtype /Image');
    }
  });

  it('does not compress away (like the compressed streams of a real label), and differs per tracking number', () => {
    const a = labelPdf(CONTENT, REALISTIC_PDF_LABEL_BYTES);
    const b = labelPdf({ ...CONTENT, trackingNumber: '794600000028' }, REALISTIC_PDF_LABEL_BYTES);
    expect(deflateSync(a).length).toBeGreaterThan(0.9 * a.length);
    expect(inflateSync(deflateSync(a)).equals(Buffer.from(a))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('is what a create answers with when the double is set to realistic labels', async () => {
    const double = createFedexDouble({ pdfLabelBytes: REALISTIC_PDF_LABEL_BYTES });
    const res = await apiClient(double).post('/ship/v1/shipments', buildShipRequest({ customerReference: 'IF-SIZE' }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { output: { transactionShipments: { pieceResponses: { packageDocuments: { encodedLabel: string }[] }[] }[] } };
    const encoded = body.output.transactionShipments[0]!.pieceResponses[0]!.packageDocuments[0]!.encodedLabel;
    const bytes = Buffer.from(encoded, 'base64');
    expect(Math.abs(bytes.length - REALISTIC_PDF_LABEL_BYTES)).toBeLessThan(400);
    expectWellFormedPdf(bytes);
  });
});
