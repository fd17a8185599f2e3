// Shipment documents in FedEx's create answer: the commercial invoice comes in shipmentDocuments,
// apart from the labels (real international create: test/fixtures/fedex/real/karrio-ship-1.json).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseShipResponse } from './ship-response';

const real = (file: string): unknown => JSON.parse(readFileSync(new URL(`../../../test/fixtures/fedex/real/${file}`, import.meta.url), 'utf8'));

describe('parseShipResponse: shipment documents', () => {
  it('reads the commercial invoice of a real international create, as a PDF, apart from the 21 labels', () => {
    const parsed = parseShipResponse(real('karrio-ship-1.json'));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.value.labels).toHaveLength(21);
    expect(parsed.value.documents.map((d) => [d.type, d.docType])).toEqual([['COMMERCIAL_INVOICE', 'PDF']]);
    expect(Buffer.from(parsed.value.documents[0]?.encodedLabel ?? '', 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('has no documents for a domestic create', () => {
    const parsed = parseShipResponse(real('hometech-ship-1.json'));
    expect(parsed.ok && parsed.value.documents).toEqual([]);
  });
});
