// N/crypto: SecretKey handles, Hmac and Hash. A SecretKey is a handle: it holds the secret's id and
// encoding, never its value (NetSuite: "The handler does not store the key value"); the value is
// read from the account's SecretVault only inside digest(), in host code.
//
// Strictness beyond NetSuite: createSecretKey requires `encoding`. NetSuite does not document its
// default (one public report says HEX), so a script relying on it could sign with a different key in
// production than in tests; naming the encoding removes the doubt.
import { createHash, createHmac } from 'node:crypto';
import type { ScriptRunContext } from '../types.js';
import { ioError, scriptFacing } from '../io/errors.js';
import { ioStateOf } from '../io/io-state.js';
import type { SecretVault } from '../io/secret-vault.js';
import { Encoding, bytesToText, checkEncoding, textToBytes, type EncodingName } from './encode.js';

/** crypto.HashAlg: values are the names. */
export const HashAlg = Object.freeze({ SHA1: 'SHA1', SHA256: 'SHA256', SHA512: 'SHA512', MD5: 'MD5' } as const);
export type HashAlgName = (typeof HashAlg)[keyof typeof HashAlg];

const NODE_ALGORITHM: Record<HashAlgName, string> = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512', MD5: 'md5' };

export function checkHashAlg(value: unknown): HashAlgName {
  if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(HashAlg, value)) return value as HashAlgName;
  throw ioError('INVALID_ALGORITHM', `algorithm: ${String(value)} is not a crypto.HashAlg value`);
}

export function nodeAlgorithm(alg: HashAlgName): string {
  return NODE_ALGORITHM[alg];
}

interface KeyHandle {
  ref: string;
  encoding: EncodingName;
  vault: SecretVault;
}

/** Host-side registry: SecretKey object → what it points at. Scripts cannot reach it. */
const keyHandles = new WeakMap<object, KeyHandle>();

/** HOST ONLY: the key bytes behind a SecretKey object a script passed in. */
export function secretKeyBytes(key: unknown): Buffer {
  const handle = typeof key === 'object' && key !== null ? keyHandles.get(key) : undefined;
  if (!handle) throw ioError('SSS_INVALID_TYPE_ARG', 'key must be a crypto.SecretKey made by createSecretKey');
  return textToBytes(handle.vault.reveal(handle.ref), handle.encoding);
}

export interface CreateSecretKeyOptions {
  secret?: string;
  guid?: string;
  encoding?: string;
}

/** crypto.createSecretKey / https.createSecretKey. Governance: none. */
export function makeSecretKey(
  vault: SecretVault,
  options: CreateSecretKeyOptions,
  present: <T extends object>(key: T) => T = (key) => key,
): { guid: string; encoding: string } {
  if (options == null || typeof options !== 'object') {
    throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: options');
  }
  const { secret, guid } = options;
  if ((secret === undefined) === (guid === undefined)) {
    throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Provide exactly one of options.secret and options.guid.');
  }
  if (options.encoding === undefined) {
    throw ioError(
      'SSS_MISSING_REQD_ARGUMENT',
      'Missing a required argument: encoding (the NetSuite double requires it: NetSuite does not document the default).',
    );
  }
  const encoding = checkEncoding(options.encoding, 'encoding');
  const ref = String(secret ?? guid);
  vault.assertUsable(ref);
  textToBytes(vault.reveal(ref), encoding); // a secret that is not valid `encoding` text fails here, as a key
  const key = Object.freeze({ guid: ref, encoding });
  const facing = present(key);
  keyHandles.set(key, { ref, encoding, vault });
  keyHandles.set(facing, { ref, encoding, vault });
  return facing;
}

interface UpdateOptions {
  input: string;
  inputEncoding?: string;
}

/** Shared update/digest plumbing of Hash and Hmac. */
function digester(start: () => { update(data: Buffer): unknown; digest(): Buffer }) {
  let chunks: Buffer[] = [];
  return {
    update(options: UpdateOptions): void {
      if (options == null || typeof options.input !== 'string') {
        throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: input');
      }
      const encoding = options.inputEncoding === undefined ? Encoding.UTF_8 : checkEncoding(options.inputEncoding, 'inputEncoding');
      chunks.push(textToBytes(options.input, encoding));
    },
    digest(options?: { outputEncoding?: string }): string {
      const encoding =
        options?.outputEncoding === undefined ? Encoding.HEX : checkEncoding(options.outputEncoding, 'outputEncoding');
      const engine = start();
      for (const chunk of chunks) engine.update(chunk);
      chunks = []; // like Java's Mac.doFinal: the object is reset and reusable
      return bytesToText(engine.digest(), encoding);
    },
  };
}

/** N/crypto for one script invocation. */
export function createCryptoModule(ctx: ScriptRunContext) {
  const { secrets } = ioStateOf(ctx.account);
  const module = Object.freeze({
    HashAlg,
    Encoding,
    createSecretKey: (options: CreateSecretKeyOptions) =>
      makeSecretKey(secrets, options, (key) => scriptFacing(ctx, key, 'crypto.SecretKey')),
    createHmac(options: { algorithm: string; key: unknown }) {
      if (options == null) throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: options');
      const algorithm = nodeAlgorithm(checkHashAlg(options.algorithm));
      const key = options.key;
      secretKeyBytes(key); // fails now, not at digest time, when the key is not a SecretKey
      return scriptFacing(ctx, Object.freeze(digester(() => createHmac(algorithm, secretKeyBytes(key)))), 'crypto.Hmac');
    },
    createHash(options: { algorithm: string }) {
      if (options == null) throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: algorithm');
      const algorithm = nodeAlgorithm(checkHashAlg(options.algorithm));
      return scriptFacing(ctx, Object.freeze(digester(() => createHash(algorithm))), 'crypto.Hash');
    },
  });
  return scriptFacing(ctx, module, 'N/crypto', false);
}
