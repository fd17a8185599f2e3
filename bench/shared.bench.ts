// Pure shared code on the per-request path: what the SuiteApp runs once per shipped fulfillment and
// the relay once per request (validation + mapping), and what the relay runs once per FedEx Track
// answer (readTrackResponse). No I/O: these figures are CPU cost only.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bench, describe } from 'vitest';
import type { CreateShipmentRequest } from '../shared/src/contract';
import { toFedexShipRequest } from '../shared/src/fedex/ship-request';
import { buildCreateShipmentRequest, type ShipMethodRule } from '../shared/src/fulfillment';
import { sampleRequest, sampleSettings, sampleSnapshot } from '../shared/src/test-fixtures';
import { readTrackResponse, TRACK_BATCH_MAX } from '../shared/src/tracking';
import { MAX_PACKAGES, prepareCreateShipmentRequest } from '../shared/src/validate';

// Results go here so the optimiser can never drop a call whose result is unused.
let _sink: unknown;

const ACCOUNT = '740561073';
const FEDEX_GROUND: ShipMethodRule = { kind: 'fedex', serviceType: 'FEDEX_GROUND' };

// The inputs are checked once, outside the timed code: a bench that quietly measured the error
// path (a rejected request, an unknown number) would report a figure for the wrong thing.
function mustBeValid(req: CreateShipmentRequest): CreateShipmentRequest {
  const checked = prepareCreateShipmentRequest(req);
  if (!checked.ok) throw new Error(`bench input is invalid: ${JSON.stringify(checked.problems)}`);
  return req;
}

const onePackage = mustBeValid(sampleRequest());
// The largest shipment one synchronous FedEx call takes: the worst case per request.
const maxPackages = mustBeValid(
  sampleRequest({ packages: Array.from({ length: MAX_PACKAGES }, (_, i) => ({ weight: { units: 'LB' as const, value: 2 + i / 10 }, description: `Box ${i + 1}` })) }),
);

const snapshot = sampleSnapshot();
if (buildCreateShipmentRequest(snapshot, FEDEX_GROUND, sampleSettings).kind !== 'ready') throw new Error('sample snapshot does not build a request');

describe('shared: one create request', () => {
  // What the relay does with every POST /v1/shipments body before it calls FedEx.
  bench('prepareCreateShipmentRequest (normalize + validate) + toFedexShipRequest, 1 package', () => {
    const checked = prepareCreateShipmentRequest(onePackage);
    _sink = checked.ok && toFedexShipRequest(checked.value, ACCOUNT);
  });

  bench(`prepareCreateShipmentRequest (normalize + validate) + toFedexShipRequest, ${MAX_PACKAGES} packages`, () => {
    const checked = prepareCreateShipmentRequest(maxPackages);
    _sink = checked.ok && toFedexShipRequest(checked.value, ACCOUNT);
  });

  // What the SuiteApp's user event does with the NetSuite data it read (includes a validation).
  bench('buildCreateShipmentRequest from a FulfillmentSnapshot', () => {
    _sink = buildCreateShipmentRequest(snapshot, FEDEX_GROUND, sampleSettings);
  });
});

// Real FedEx Track answers (track-200-real-*, see test/fixtures/fedex/PROVENANCE.md): one number
// each, 10 and 17 scans, the express one a reused number with two results. The doc example is left
// out: it is FedEx's documentation mock, whose result carries an error object, not a real answer.
const samplesDir = resolve(import.meta.dirname, '../test/fixtures/fedex/samples');
const trackSamples = readdirSync(samplesDir)
  .filter((name) => name.startsWith('track-200-real-') && name.endsWith('.json'))
  .sort()
  .map((name) => {
    const body = JSON.parse(readFileSync(resolve(samplesDir, name), 'utf8')) as { output: { completeTrackResults: { trackingNumber: string }[] } };
    const numbers = body.output.completeTrackResults.map((c) => c.trackingNumber);
    if (readTrackResponse(body, numbers).some((s) => !s.found)) throw new Error(`${name}: a number reads as not found`);
    return { name, body, numbers };
  });
if (trackSamples.length === 0) throw new Error(`no track-200-real-*.json samples in ${samplesDir}`);

// A full FedEx batch (30 numbers, the most one Track request carries), made of copies of the real
// express answer under 30 numbers: the size the relay reads 20 times to track 600 shipments.
const express = trackSamples.find((s) => s.name.includes('express')) ?? trackSamples[0]!;
const fullBatchNumbers = Array.from({ length: TRACK_BATCH_MAX }, (_, i) => String(776094337600 + i));
const fullBatch = {
  ...express.body,
  output: {
    ...express.body.output,
    completeTrackResults: fullBatchNumbers.map((trackingNumber) => ({ ...express.body.output.completeTrackResults[0], trackingNumber })),
  },
};

describe('shared: readTrackResponse', () => {
  for (const sample of trackSamples) {
    bench(sample.name, () => {
      _sink = readTrackResponse(sample.body, sample.numbers);
    });
  }
  bench(`${TRACK_BATCH_MAX}-number batch (copies of the real express answer)`, () => {
    _sink = readTrackResponse(fullBatch, fullBatchNumbers);
  });
});
