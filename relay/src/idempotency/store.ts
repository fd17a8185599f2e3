// Idempotency keys → the first result, and which keys have had a create sent. An implementation
// detail of the relay (what must survive lives in NetSuite): a lost entry only costs a FedEx lookup
// by reference, never a second label, because the store also says since when it remembers (its
// epoch): a key it cannot account for since then is looked up at FedEx before anything is created.
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
  /**
   * Stores the result of the caller's claim. False when the claim was lost meanwhile (expired and
   * taken by another instance): that instance now reconciles the key, so this result must not be used.
   */
  complete(key: string, response: CreateShipmentResponse): Promise<boolean>;
  /** Ends the caller's claim without a result (the sent-marker, if any, stays). */
  release(key: string): Promise<void>;
  /** Drops a completed result (its shipment was voided), so a later create is not answered with it. */
  forget(key: string): Promise<void>;

  /**
   * Whether a create for `key` may have been sent during this store's life, and since when that life
   * runs (ms): everything before `epoch` is unknown to the store (restart, Redis wiped or evicted).
   */
  sentState(key: string): Promise<{ epoch: number; sent: boolean }>;
  /** Written BEFORE a create is sent; kept after completion (results may be evicted, markers not). */
  markSent(key: string): Promise<void>;
  /** Called once nothing can be live for `key` (FedEx refused the create, earlier ones were voided). */
  clearSent(key: string): Promise<void>;
  /** How long a sent-marker is kept: keys first attempted longer ago are always reconciled. */
  readonly sentTtlMs: number;
}

/** Sent-markers are kept this long by default (a create's retries and resends come within hours). */
export const DEFAULT_SENT_TTL_MS = 48 * 3600_000;

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
  /** How long a sent-marker is kept (default 48 h). Markers are small and never evicted by maxBytes. */
  sentTtlMs?: number;
  /** When this store's memory began (default: its construction). Tests set an earlier one to model a relay that has run for a while. */
  epochMs?: number;
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
  /** key → when its last create was sent; insertion order is time order, so expired ones lead. */
  private readonly sent = new Map<string, number>();
  private bytes = 0;
  private readonly ttlMs: number;
  private readonly maxBytes: number;
  readonly sentTtlMs: number;
  private readonly now: () => number;
  /** This process's memory starts now: nothing from an earlier life is known. */
  private readonly epoch: number;

  constructor(options: MemoryStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? 48 * 3600_000;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.sentTtlMs = options.sentTtlMs ?? DEFAULT_SENT_TTL_MS;
    this.now = options.now ?? Date.now;
    this.epoch = options.epochMs ?? this.now();
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

  async complete(key: string, response: CreateShipmentResponse): Promise<boolean> {
    const held = this.entries.get(key);
    if (!held || held.entry.state !== 'in-flight') return false;
    const serialized = Buffer.from(JSON.stringify(response), 'utf8');
    const bytes = serialized.length;
    this.entries.delete(key); // re-insert so Map order stays oldest-first
    this.entries.set(key, { entry: { state: 'completed', fingerprint: held.entry.fingerprint, serialized }, bytes, at: this.now() });
    this.bytes += bytes;
    held.resolve?.();
    this.evict();
    return true;
  }

  async release(key: string): Promise<void> {
    const held = this.entries.get(key);
    if (!held) return;
    this.entries.delete(key);
    this.bytes -= held.bytes;
    held.resolve?.();
  }

  async forget(key: string): Promise<void> {
    const held = this.entries.get(key);
    if (held?.entry.state === 'completed') {
      this.entries.delete(key);
      this.bytes -= held.bytes;
    }
  }

  async sentState(key: string): Promise<{ epoch: number; sent: boolean }> {
    this.trimSent();
    return { epoch: this.epoch, sent: this.sent.has(key) };
  }

  async markSent(key: string): Promise<void> {
    this.sent.delete(key); // re-insert: the map stays in time order
    this.sent.set(key, this.now());
    this.trimSent();
  }

  async clearSent(key: string): Promise<void> {
    this.sent.delete(key);
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

  private trimSent(): void {
    const cutoff = this.now() - this.sentTtlMs;
    for (const [key, at] of this.sent) {
      if (at > cutoff) break;
      this.sent.delete(key);
    }
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
