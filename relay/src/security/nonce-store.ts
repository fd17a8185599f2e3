// Nonces seen within the signature window: a captured request replayed inside the window is refused.
export interface NonceStore {
  /** True the first time a nonce is seen (and remembers it until `expiresAt`), false after. */
  remember(nonce: string, expiresAt: number): Promise<boolean>;
}

export class MemoryNonceStore implements NonceStore {
  private readonly seen = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async remember(nonce: string, expiresAt: number): Promise<boolean> {
    const now = this.now();
    // Map order is insertion order, and every entry lives the same window: expired ones are at the front.
    for (const [n, exp] of this.seen) {
      if (exp > now) break;
      this.seen.delete(n);
    }
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, expiresAt);
    return true;
  }
}
