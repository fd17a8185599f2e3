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
  /** Labels are large: beyond this many bytes of stored responses the oldest entries go first. */
  maxBytes?: number;
  now?: () => number;
}

interface Held {
  entry: IdempotencyEntry;
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
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
    this.now = options.now ?? Date.now;
  }

  async get(key: string): Promise<IdempotencyEntry | undefined> {
    return this.live(key)?.entry;
  }

  async claim(key: string, fingerprint: string): Promise<IdempotencyEntry | undefined> {
    const held = this.live(key);
    if (held) return held.entry;
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    this.entries.set(key, { entry: { state: 'in-flight', fingerprint, done }, resolve, bytes: 0, at: this.now() });
    return undefined;
  }

  async complete(key: string, response: CreateShipmentResponse): Promise<void> {
    const held = this.entries.get(key);
    if (!held) return;
    const bytes = JSON.stringify(response).length;
    this.entries.delete(key); // re-insert so Map order stays oldest-first
    this.entries.set(key, { entry: { state: 'completed', fingerprint: held.entry.fingerprint, response }, bytes, at: this.now() });
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
