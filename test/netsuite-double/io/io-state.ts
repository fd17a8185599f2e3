// The I/O side of one account: API secrets, File Cabinet, task queue, the N/https policy and the
// log of requests scripts sent. Kept beside the account (a WeakMap keyed by the account object)
// so the I/O modules need nothing from the account but its identity; the facade configures it.
import { FileCabinet } from './file-cabinet.js';
import { declaredSecrets } from './scripts.js';
import { SecretVault } from './secret-vault.js';
import { TaskQueue } from './task-queue.js';

/** What N/https may reach and how long it waits. */
export interface HttpsPolicy {
  /**
   * Host names scripts may call. Default: loopback only, because tests never leave the machine.
   * Anything else fails with SSS_INVALID_URL before a connection is tried.
   */
  allowedHosts: string[];
  /**
   * NetSuite's N/https sends only https: an http:// URL fails with SSS_INVALID_URL, and so it does
   * here by default. TEST-ONLY escape hatch: true lets scripts call plain http on loopback hosts,
   * for tests of the double itself that have no TLS server. The end-to-end stack does not use it:
   * its relay listens on https with a throwaway certificate (trustedCertificates).
   */
  allowHttpLoopback: boolean;
  /**
   * PEM certificates the account trusts for https (each a CA or a self-signed server certificate).
   * Empty: Node's default CA list, which no test server's certificate is in. A certificate the
   * account does not trust fails with SSS_INVALID_HOST_CERT, as NetSuite answers an untrusted host.
   */
  trustedCertificates: string[];
  /** NetSuite: 5 s to connect. */
  connectTimeoutMs: number;
  /** NetSuite: 45 s for the whole request. */
  totalTimeoutMs: number;
}

export const DEFAULT_HTTPS_POLICY: HttpsPolicy = Object.freeze({
  allowedHosts: ['127.0.0.1', 'localhost', '[::1]'],
  allowHttpLoopback: false,
  trustedCertificates: [],
  connectTimeoutMs: 5_000,
  totalTimeoutMs: 45_000,
});

/** One request a script sent (or tried to send), as it left the account. */
export interface OutboundRequest {
  scriptId: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The status, or the error name when no answer came. */
  result: number | string;
}

export interface IoOptions {
  /** Account id as NetSuite writes it ('1234567', '1234567_SB1'). */
  accountId?: string;
  /** API secrets: custsecret_x → clear value. */
  apiSecrets?: Record<string, string>;
  /** Script ids of SDF `secret` objects, besides those of the account's parsed SDF project. */
  declaredSecrets?: Iterable<string>;
  https?: Partial<HttpsPolicy>;
}

export class IoState {
  readonly accountId: string;
  readonly secrets: SecretVault;
  readonly files: FileCabinet;
  readonly tasks = new TaskQueue();
  readonly outbound: OutboundRequest[] = [];
  https: HttpsPolicy;
  /** http://127.0.0.1:<port> while the account's HTTP server listens (see http-server.ts). */
  serverOrigin: string | undefined;

  constructor(options: IoOptions = {}, account?: object) {
    this.accountId = options.accountId ?? 'TSTDRV1234567';
    this.secrets = new SecretVault({
      values: options.apiSecrets ?? {},
      declared: options.declaredSecrets ?? [],
      declaredElsewhere: () => declaredSecrets(account),
    });
    this.files = new FileCabinet(this.accountId);
    this.https = { ...DEFAULT_HTTPS_POLICY, ...options.https };
  }
}

const states = new WeakMap<object, IoState>();

/** Creates (or replaces) the I/O state of an account. */
export function configureIo(account: object, options: IoOptions = {}): IoState {
  const accountId = options.accountId ?? readAccountId(account);
  const state = new IoState({ ...options, ...(accountId ? { accountId } : {}) }, account);
  states.set(account, state);
  return state;
}

/** The I/O state of an account, created with defaults on first use. */
export function ioStateOf(account: unknown): IoState {
  if (typeof account !== 'object' || account === null) {
    throw new Error('NetSuite double: ScriptRunContext.account must be the account object');
  }
  return states.get(account) ?? configureIo(account);
}

function readAccountId(account: object): string | undefined {
  const id = (account as { accountId?: unknown }).accountId;
  return typeof id === 'string' ? id : undefined;
}
