// Idempotency keys → the first result. An implementation detail of the relay (what must survive
// lives in NetSuite): a lost entry only costs a FedEx lookup by reference, never a second label.
// The interface is async so a Redis-backed store can replace the in-memory one for several instances.
import type { CreateShipmentResponse } from '../../../shared/src/contract';

export type IdempotencyEntry =
  | { state: 'in-flight'; fingerprint: string; done: Promise<void> }
  | { state: 'completed'; fingerprint: string; response: CreateShipmentResponse };

export interface IdempotencyStore {
  get(key: string): Promise<IdempotencyEntry | undefined>;
  /**
   * Claims `key` atomically. Returns undefined when the caller now owns it (and must later call
   * complete or release), or the entry someone else holds.
   */
  claim(key: string, fingerprint: string): Promise<IdempotencyEntry | undefined>;
  complete(key: string, response: CreateShipmentResponse): Promise<void>;
  /** Forgets a claim whose request created nothing at FedEx (rejected), so a corrected request can go. */
  release(key: string): Promise<void>;
}

export interface MemoryStoreOptions {
  /** Completed entries are kept this long (NetSuite retries within hours, not days). */
  ttlMs?: number;
  /**
   * Labels are large (a FedEx 4×6 PDF is tens of KB): beyond this many bytes of stored responses
   * (their JSON in UTF-8) the oldest completed entries go first. Default 32 MiB, about 600
   * shipments with realistic labels. A dropped entry costs only when NetSuite retries that key
   * (it never got the answer): the retry is reconciled at FedEx by reference, the lost label
   * voided and one new label bought, never a second live one.
   */
  maxBytes?: number;
  now?: () => number;
}

/** 32 MiB: see MemoryStoreOptions.maxBytes. */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/**
 * A completed answer is kept serialized in a Buffer: its bytes are exactly what the cap counts, and
 * they live outside V8's heap, whose collector would otherwise let evicted labels pile up as old
 * garbage (hundreds of MB on a busy relay) before collecting them. A repeat parses it back.
 */
type HeldEntry = Exclude<IdempotencyEntry, { state: 'completed' }> | { state: 'completed'; fingerprint: string; serialized: Buffer };

interface Held {
  entry: HeldEntry;
  resolve?: () => void;
  bytes: number;
  at: number;
}

export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, Held>();
  private bytes = 0;
  private readonly ttlMs: number;
  private readonly maxBytes: number;
  private readonly now: () => number;

  constructor(options: MemoryStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? 48 * 3600_000;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.now = options.now ?? Date.now;
  }

  async get(key: string): Promise<IdempotencyEntry | undefined> {
    return view(this.live(key));
  }

  async claim(key: string, fingerprint: string): Promise<IdempotencyEntry | undefined> {
    const held = this.live(key);
    if (held) return view(held);
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    this.entries.set(key, { entry: { state: 'in-flight', fingerprint, done }, resolve, bytes: 0, at: this.now() });
    return undefined;
  }

  async complete(key: string, response: CreateShipmentResponse): Promise<void> {
    const held = this.entries.get(key);
    if (!held) return;
    const serialized = Buffer.from(JSON.stringify(response), 'utf8');
    const bytes = serialized.length;
    this.entries.delete(key); // re-insert so Map order stays oldest-first
    this.entries.set(key, { entry: { state: 'completed', fingerprint: held.entry.fingerprint, serialized }, bytes, at: this.now() });
    this.bytes += bytes;
    held.resolve?.();
    this.evict();
  }

  async release(key: string): Promise<void> {
    const held = this.entries.get(key);
    if (!held) return;
    this.entries.delete(key);
    this.bytes -= held.bytes;
    held.resolve?.();
  }

  size(): number {
    return this.entries.size;
  }

  private live(key: string): Held | undefined {
    const held = this.entries.get(key);
    if (held && held.entry.state === 'completed' && this.now() - held.at > this.ttlMs) {
      this.entries.delete(key);
      this.bytes -= held.bytes;
      return undefined;
    }
    return held;
  }

  private evict(): void {
    for (const [key, held] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      if (held.entry.state !== 'completed') continue;
      this.entries.delete(key);
      this.bytes -= held.bytes;
    }
  }
}

function view(held: Held | undefined): IdempotencyEntry | undefined {
  const entry = held?.entry;
  if (entry?.state !== 'completed') return entry;
  return { state: 'completed', fingerprint: entry.fingerprint, response: JSON.parse(entry.serialized.toString('utf8')) as CreateShipmentResponse };
}
