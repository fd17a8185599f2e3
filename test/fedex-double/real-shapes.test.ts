// The double's answers have the shapes of FedEx's: every field it writes (path and JSON type) appears in
// a real FedEx answer or a FedEx documentation sample of the same kind (test/fixtures/fedex/real/,
// samples/). The product's parsers then read the double as they read FedEx.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseShipResponse } from '../../shared/src/fedex/ship-response';
import { readTrackResponse } from '../../shared/src/tracking';
import { createFedexDouble } from './app';
import { readFixtureJson } from './fixtures';
import { buildCancelRequest, buildInternationalShipRequest, buildShipRequest, buildTrackRequest } from './request-builders';
import { apiClient, json, type ShipResponseBody, type TrackResponseBody } from './test-support';

const HOUR = 3_600_000;

/** `output.transactionShipments[].serviceType:string`, one entry per leaf (arrays as `[]`). */
function shape(value: unknown, path = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => shape(item, `${path}[]`, out));
  else if (value !== null && typeof value === 'object') for (const [key, child] of Object.entries(value)) shape(child, path ? `${path}.${key}` : key, out);
  else out.add(`${path}:${value === null ? 'null' : typeof value}`);
  return out;
}

function shapesOf(files: string[]): Set<string> {
  const all = new Set<string>();
  for (const file of files) for (const path of shape(readFixtureJson(file))) all.add(path);
  return all;
}

const realFiles = (kind: string) => readdirSync(new URL('../fixtures/fedex/real/', import.meta.url)).filter((f) => f.includes(`-${kind}-`)).map((f) => `real/${f}`);
const SHIP_SHAPES = shapesOf([...realFiles('ship'), 'samples/ship-create-200-fedex-doc-example.json']);
const TRACK_SHAPES = shapesOf([...realFiles('track'), 'samples/track-200-real-express-776094337676.json', 'samples/track-200-real-ground-delivered-738488882438.json']);
const ERROR_SHAPES = new Set([
  ...shapesOf(['real/hometech-error-2.json', 'samples/error-401-token-expired.json', 'samples/error-500-internal-server-error.json', 'samples/track-400-trackingnumber-empty.json']),
  // Errors carrying parameterList, as FedEx answered a bad customs value (rules/fedex-rules.md 0.1, karrio issue 557).
  'errors[].parameterList[].key:string',
  'errors[].parameterList[].value:string',
]);

const unseen = (body: unknown, known: Set<string>) => [...shape(body)].filter((path) => !known.has(path));

describe('the double’s answers have the shapes of FedEx’s', () => {
  it('create: international with its commercial invoice, domestic ZPLII by URL, alerts', async () => {
    const double = createFedexDouble();
    const client = apiClient(double);
    const international = await json<ShipResponseBody>(await client.post('/ship/v1/shipments', buildInternationalShipRequest('CA', { packages: 3, customerReference: 'IF-1' })));
    const zplByUrl = await json<ShipResponseBody>(await client.post('/ship/v1/shipments', buildShipRequest({ imageType: 'ZPLII', labelResponseOptions: 'URL_ONLY' })));
    const withAlert = buildShipRequest();
    withAlert.requestedShipment.recipients[0]!.address.city = 'Dallas';
    const alerted = await json<ShipResponseBody>(await client.post('/ship/v1/shipments', withAlert));
    for (const body of [international, zplByUrl, alerted]) expect(unseen(body, SHIP_SHAPES)).toEqual([]);

    // Read by the product as it reads karrio's real 21-piece international create: one label per piece, the invoice apart.
    const parsed = parseShipResponse(international);
    expect(parsed.ok && parsed.value.labels.map((l) => l.trackingNumber)).toEqual(parsed.ok && parsed.value.trackingNumbers);
    expect(parsed.ok && parsed.value.labels).toHaveLength(3);
    const parsedAlert = parseShipResponse(alerted);
    expect(parsedAlert.ok && parsedAlert.value.alerts).toEqual(['SHIP.RECIPIENT.POSTALCITY.MISMATCH: Recipient Postal-City Mismatch.']);
  });

  it('track: every status on the way, an exception, a return, and a number FedEx does not know', async () => {
    const double = createFedexDouble({ tokenLifetimeSeconds: 30 * 86_400 });
    const client = apiClient(double);
    const numbers: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const created = await json<ShipResponseBody>(await client.post('/ship/v1/shipments', buildShipRequest({ customerReference: `IF-${i}` })));
      numbers.push(created.output.transactionShipments[0]!.masterTrackingNumber);
    }
    double.scriptTimeline(numbers[1]!, [
      { afterMs: 2 * HOUR, code: 'PU' },
      { afterMs: 20 * HOUR, code: 'DE', exceptionCode: '007', exceptionDescription: 'Customer not available or business closed' },
    ]);
    double.scriptTimeline(numbers[2]!, [
      { afterMs: 2 * HOUR, code: 'PU' },
      { afterMs: 30 * HOUR, code: 'RS', exceptionCode: '060G', exceptionDescription: 'Returning package to shipper' },
    ]);
    const seen: TrackResponseBody[] = [];
    for (const hours of [0, 3, 8, 25, 31, 40]) {
      double.clock.set(Date.UTC(2025, 0, 6, 15) + hours * HOUR);
      seen.push(await json<TrackResponseBody>(await client.post('/track/v1/trackingnumbers', buildTrackRequest([...numbers, '123456789012']))));
    }
    for (const body of seen) expect(unseen(body, TRACK_SHAPES)).toEqual([]);
    const last = readTrackResponse(seen[seen.length - 1], [...numbers, '123456789012']);
    expect(last.map((s) => s.status)).toEqual(['DELIVERED', 'EXCEPTION', 'RETURNING', 'NOT_FOUND']);
  });

  it('errors: a refused create, a refused cancel, a refused Track', async () => {
    const double = createFedexDouble();
    const client = apiClient(double);
    const bad = buildShipRequest();
    bad.requestedShipment.recipients[0]!.contact.phoneNumber = '555-01';
    const bodies = [
      await (await client.post('/ship/v1/shipments', bad)).json(),
      await (await client.put('/ship/v1/shipments/cancel', buildCancelRequest('794600000010'))).json(),
      await (await client.post('/track/v1/trackingnumbers', buildTrackRequest(Array.from({ length: 31 }, () => '794600000010')))).json(),
    ];
    for (const body of bodies) expect(unseen(body, ERROR_SHAPES)).toEqual([]);
  });
});
