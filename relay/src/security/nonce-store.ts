// Nonces seen within the signature window: a captured request replayed inside the window is refused.
// A store also knows when its memory began (its epoch): a request signed before then may have been
// accepted by an earlier life of the relay (or of its Redis) whose nonces are gone, so it is refused.

export type NonceVerdict = 'fresh' | 'replayed' | 'before-epoch';

export interface NonceStore {
  /**
   * Accepts `nonce` once, for a request signed at `signedAtSeconds`, remembering it until `expiresAt`
   * (ms). A request signed before the store's epoch second is refused without using up its nonce.
   */
  accept(nonce: string, signedAtSeconds: number, expiresAt: number): Promise<NonceVerdict>;
}

/** The epoch as a whole second: a request signed in an earlier second may predate this life. */
export function signedBeforeEpoch(signedAtSeconds: number, epochMs: number): boolean {
  return signedAtSeconds < Math.floor(epochMs / 1000);
}

export class MemoryNonceStore implements NonceStore {
  private readonly seen = new Map<string, number>();
  readonly epochMs: number;

  /**
   * `epochMs` defaults to now. The relay's entry point passes the next whole second and listens only
   * from then on, so no request signed in an earlier life (even in the same second) gets through.
   */
  constructor(
    private readonly now: () => number = Date.now,
    epochMs?: number,
  ) {
    this.epochMs = epochMs ?? now();
  }

  async accept(nonce: string, signedAtSeconds: number, expiresAt: number): Promise<NonceVerdict> {
    if (signedBeforeEpoch(signedAtSeconds, this.epochMs)) return 'before-epoch';
    const now = this.now();
    // Map order is insertion order, and every entry lives the same window: expired ones are at the front.
    for (const [n, exp] of this.seen) {
      if (exp > now) break;
      this.seen.delete(n);
    }
    if (this.seen.has(nonce)) return 'replayed';
    this.seen.set(nonce, expiresAt);
    return 'fresh';
  }
}
