import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The FedEx API groups a project can be granted ("a Track-only key gets 403 on Ship"). */
export type Capability = 'ship' | 'track' | 'address';
export const ALL_CAPABILITIES: readonly Capability[] = ['ship', 'track', 'address'];

/** A FedEx developer-portal project: its API key (client id), secret key, and the APIs it may call. */
export interface Project {
  clientId: string;
  clientSecret: string;
  capabilities?: readonly Capability[];
}

export type TokenCheck =
  | { ok: true; clientId: string; expiresAt: number }
  | { ok: false; reason: 'missing' | 'unknown' | 'expired' };

interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Credentials and bearer tokens. Tokens are opaque random strings; expiry follows the double's clock. */
export class TokenStore {
  readonly lifetimeMs: number;
  #projects = new Map<string, Project>();
  #tokens = new Map<string, IssuedToken>();

  constructor(projects: readonly Project[], lifetimeMs: number) {
    for (const project of projects) this.#projects.set(project.clientId, project);
    this.lifetimeMs = lifetimeMs;
  }

  project(clientId: string): Project | undefined {
    return this.#projects.get(clientId);
  }

  projects(): Project[] {
    return [...this.#projects.values()];
  }

  credentialsValid(clientId: string, clientSecret: string): boolean {
    const project = this.#projects.get(clientId);
    return project !== undefined && sameSecret(project.clientSecret, clientSecret);
  }

  issue(clientId: string, now: number): { token: string; expiresAt: number } {
    if (!this.#projects.has(clientId)) throw new Error(`unknown client id ${clientId}`);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + this.lifetimeMs;
    this.#tokens.set(token, { clientId, expiresAt });
    return { token, expiresAt };
  }

  /** Reads `Authorization: Bearer <token>`. */
  check(authorization: string | undefined, now: number): TokenCheck {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const token = match?.[1];
    if (!token) return { ok: false, reason: 'missing' };
    const issued = this.#tokens.get(token);
    if (!issued) return { ok: false, reason: 'unknown' };
    if (now >= issued.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, clientId: issued.clientId, expiresAt: issued.expiresAt };
  }

  /** Makes every issued token expired from now on (FedEx can invalidate tokens before `expires_in`). */
  expireAll(now: number): number {
    let n = 0;
    for (const issued of this.#tokens.values()) {
      if (issued.expiresAt > now) {
        issued.expiresAt = now;
        n += 1;
      }
    }
    return n;
  }

  reset(): void {
    this.#tokens.clear();
  }
}
