// Thermal labels: ZPL II and EPL2 are kept as the exact bytes FedEx sent, in one printer file per
// shipment (all packages, master first) that a thermal printer takes as it is: never as base64 text.
import { describe, expect, it } from 'vitest';
import type { CreateShipmentResponse } from '../../shared/src/contract';
import { RELAY_PATHS } from '../../shared/src/contract';
import { AUDIT, SHIPMENT } from '../../shared/src/ids';
import { signedHeaders } from '../support/relay-signing';
import { connectorAccount, type ConnectorAccount } from './connector-account';
import { STACK_SECRET, useStack } from './stack';

const S = SHIPMENT.fields;
const stack = useStack();

/** What FedEx sent for this fulfillment, as the relay replays it for the same request (its idempotency store). */
async function labelsFedexSent(a: ConnectorAccount, fulfillment: number): Promise<Buffer> {
  const audit = a.auditsOf(fulfillment).find((r) => r.fields[AUDIT.fields.operation] === 'CREATE_SHIPMENT')!;
  const body = String(audit.fields[AUDIT.fields.request]);
  const res = await stack().relayRequest('POST', RELAY_PATHS.createShipment, body, signedHeaders(STACK_SECRET, 'POST', RELAY_PATHS.createShipment, body));
  expect(res.status).toBe(200);
  const answer = res.json as CreateShipmentResponse;
  expect(answer.replayed).toBe(true);
  return Buffer.concat(answer.labels.map((l) => Buffer.from(l.content, 'base64')));
}

function storedLabel(a: ConnectorAccount, fulfillment: number) {
  const shipment = a.shipmentOf(fulfillment)!;
  expect(shipment.fields[S.status]).toBe('CREATED');
  const file = a.ns.io.files.load(Number(shipment.fields[S.labelFile]));
  return { shipment, file, bytes: Buffer.from(file.bytes) };
}

describe('thermal labels', () => {
  it('ZPL II: one printer file with every package label, byte for byte as FedEx sent them', async () => {
    const a = connectorAccount(stack());
    a.updateSettings({ labelImageType: 'ZPLII', labelStockType: 'STOCK_4X6' });
    const fulfillment = a.shipOrder(a.salesOrder(), [2, 3, 4]);
    const { shipment, file, bytes } = storedLabel(a, fulfillment);
    expect(bytes.equals(await labelsFedexSent(a, fulfillment))).toBe(true);
    expect(file).toMatchObject({ fileType: 'PLAINTEXT', encoding: 'ISO-8859-1' });
    expect(file.name).toMatch(/\.zpl$/);
    const text = bytes.toString('latin1');
    expect(text.startsWith('^XA')).toBe(true);
    expect(text.match(/\^XA/g)).toHaveLength(3);
    expect(text).not.toContain('XlhB'); // "^XA" in base64: the bytes, not their base64 text
    // Master label first, then the others in package order.
    const numbers = String(shipment.fields[S.trackingNumbers]).split(', ');
    const at = numbers.map((n) => text.indexOf(n));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    // One file only, and the label link serves it.
    expect(a.ns.io.files.list().filter((f) => f.folder === a.ids.labelFolder)).toHaveLength(1);
    expect(String(shipment.fields[S.labelUrl])).toMatch(/media\.nl\?id=\d+/);
  });

  it('EPL2: the printer file is the bytes FedEx sent', async () => {
    const a = connectorAccount(stack());
    a.updateSettings({ labelImageType: 'EPL2', labelStockType: 'STOCK_4X6' });
    const fulfillment = a.shipOrder(a.salesOrder(), [5]);
    const { file, bytes } = storedLabel(a, fulfillment);
    expect(file.name).toMatch(/\.epl$/);
    expect(bytes.equals(await labelsFedexSent(a, fulfillment))).toBe(true);
  });

  it('PDF: one PDF file per package, each the bytes FedEx sent', async () => {
    const a = connectorAccount(stack());
    const fulfillment = a.shipOrder(a.salesOrder(), [2, 3]);
    const { file, bytes } = storedLabel(a, fulfillment);
    expect(file).toMatchObject({ fileType: 'PDF' });
    const sent = await labelsFedexSent(a, fulfillment);
    expect(sent.subarray(0, bytes.length).equals(bytes)).toBe(true);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
