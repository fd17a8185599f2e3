// Memory of the relay's in-memory idempotency store: every shipment it creates stays there (with its
// label) for the TTL, or until the byte cap evicts it. vitest bench reports time only, so the heap
// figure is measured once in beforeAll and printed; the benches below time the store's own work.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, bench, describe } from 'vitest';
import type { CreateShipmentResponse } from '../shared/src/contract';
import { sampleRequest } from '../shared/src/test-fixtures';
import { DEFAULT_MAX_BYTES, MemoryIdempotencyStore } from '../relay/src/idempotency/store';
import { REALISTIC_PDF_LABEL_BYTES } from '../test/fedex-double';
import { fingerprintOf } from '../relay/src/services/create-shipment';
import { relayHarness } from '../test/support/relay-harness';

// Realistic labels (40 KB PDFs): 2,000 entries are about 110 MB of heap.
const ENTRIES = 2_000;
const PEAK_PER_DAY = 250_000;

/** A full collection, so heapUsed holds only what is still referenced (the workers run without --expose-gc). */
function fullGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** A real create response: made by the relay from the FedEx double's answer, with its real PDF label. */
async function realResponse(): Promise<CreateShipmentResponse> {
  const h = relayHarness({ double: { pdfLabelBytes: REALISTIC_PDF_LABEL_BYTES } });
  const res = await h.createShipment(sampleRequest({ idempotencyKey: 'MEM-TEMPLATE' }));
  if (res.status !== 201) throw new Error(`create failed: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as CreateShipmentResponse;
}

const CAPPED_ENTRIES = 10_000;
const FINGERPRINT = 'f'.repeat(64); // a sha256 hex, as fingerprintOf gives
let template: CreateShipmentResponse;
let capped: MemoryIdempotencyStore;
let lookup: MemoryIdempotencyStore;

beforeAll(async () => {
  template = await realResponse();
  const text = JSON.stringify(template);
  const gc = fullGc();

  // Each entry gets its own objects and strings, parsed from JSON as the relay's own come from
  // FedEx's answer: reusing one object would let V8 share the label and under-count.
  const store = new MemoryIdempotencyStore({ maxBytes: Infinity }); // measuring: nothing evicted
  // Completed answers are kept as Buffers (outside the heap): count the heap and array buffers both.
  const held = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  gc();
  const before = held();
  for (let i = 0; i < ENTRIES; i++) {
    const req = sampleRequest({ idempotencyKey: `MEM-${i}` });
    const response = JSON.parse(text) as CreateShipmentResponse;
    response.idempotencyKey = req.idempotencyKey;
    await store.claim(req.idempotencyKey, fingerprintOf(req));
    await store.complete(req.idempotencyKey, response);
  }
  gc();
  const after = held();
  if (store.size() !== ENTRIES) throw new Error(`the store holds ${store.size()} entries, expected ${ENTRIES}`);

  const perEntry = (after - before) / ENTRIES;
  const counted = Buffer.byteLength(text); // what complete() charges against maxBytes for one entry
  const capEntries = Math.floor(DEFAULT_MAX_BYTES / counted);
  const label = template.labels[0]!;
  console.log(
    [
      `idempotency store, ${ENTRIES.toLocaleString('en-US')} completed entries, label ${label.contentType} of ${label.content.length.toLocaleString('en-US')} base64 chars:`,
      `  memory per entry      ${Math.round(perEntry).toLocaleString('en-US')} bytes (heapUsed + arrayBuffers delta after a full GC)`,
      `  counted per entry     ${counted.toLocaleString('en-US')} bytes (JSON in UTF-8, what maxBytes limits); memory / counted = ${(perEntry / counted).toFixed(2)}`,
      `  default cap ${DEFAULT_MAX_BYTES / 2 ** 20} MiB    ≈ ${capEntries.toLocaleString('en-US')} entries ≈ ${((capEntries * perEntry) / 2 ** 20).toFixed(0)} MiB ≈ ${((capEntries / PEAK_PER_DAY) * 24).toFixed(1)} h of a ${PEAK_PER_DAY.toLocaleString('en-US')}/day peak`,
    ].join('\n'),
  );

  // Stores for the timing benches (describe-level hooks do not run under vitest bench).
  capped = new MemoryIdempotencyStore({ maxBytes: CAPPED_ENTRIES * counted });
  lookup = new MemoryIdempotencyStore();
  await lookup.claim('REPLAY', FINGERPRINT);
  await lookup.complete('REPLAY', template);
}, 60_000);

describe('relay: MemoryIdempotencyStore', () => {
  // The store at its byte cap, as after a busy day: every new entry evicts the oldest one. The
  // response object is shared here (memory was measured above); complete() still stringifies it
  // to count its bytes, which is most of its cost.
  let n = 0;
  bench(`claim + complete one entry (store capped at ${CAPPED_ENTRIES.toLocaleString('en-US')} entries, evicting)`, async () => {
    const key = `CAP-${++n}`;
    await capped.claim(key, FINGERPRINT);
    await capped.complete(key, template);
  });

  // The replay path: a key NetSuite sends again.
  bench('get a stored key (replay lookup)', async () => {
    const entry = await lookup.get('REPLAY');
    if (entry?.state !== 'completed') throw new Error('stored entry not found');
  });
});
