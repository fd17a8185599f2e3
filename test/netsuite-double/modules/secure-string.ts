// https.SecureString: text that may hold API secret placeholders ('{custsecret_x}'), which a script
// can build on (append, hash, hmac, re-encode, replace) but never read. The object a script holds
// has only methods; its content lives in a host-side WeakMap as a recipe (a list of steps) that is
// replayed against the account's secrets when the string is SENT (a header, the body or the URL of
// an N/https request). Each step is also tried once when the script calls it, so an encoding error
// surfaces at that call, as in NetSuite, without keeping any resolved text around.
import { createHash, createHmac } from 'node:crypto';
import { ioError } from '../io/errors.js';
import type { SecretVault } from '../io/secret-vault.js';
import { checkHashAlg, nodeAlgorithm, secretKeyBytes } from './crypto.js';
import { Encoding, bytesToText, checkEncoding, convertText, textToBytes, type EncodingName } from './encode.js';

/** Placeholders NetSuite resolves inside a SecureString: a secret id or a 32-hex GUID in braces. */
const PLACEHOLDER = /\{(custsecret[a-zA-Z0-9_]{1,89}|[a-fA-F0-9]{32})\}/g;

type Step = (text: string) => string;

/** The script's view of a SecureString (option names as in NetSuite; enum values are strings). */
export interface SecureString {
  appendString(options: { input: string; inputEncoding?: string; keepEncoding?: boolean }): SecureString;
  appendSecureString(options: { secureString: unknown; keepEncoding?: boolean }): SecureString;
  convertEncoding(options: { fromEncoding: string; toEncoding: string }): SecureString;
  hash(options: { algorithm: string; contentEncoding?: string; resultEncoding?: string }): SecureString;
  hmac(options: { algorithm: string; key: unknown; contentEncoding?: string; resultEncoding?: string }): SecureString;
  replaceString(options: { pattern: string; replacement: string }): SecureString;
  toString(): string;
  toJSON(): object;
}

interface SecureContent {
  steps: Step[];
  encoding: EncodingName;
  vault: SecretVault;
}

const contents = new WeakMap<object, SecureContent>();

export function isSecureString(value: unknown): boolean {
  return typeof value === 'object' && value !== null && contents.has(value);
}

function contentOf(value: unknown): SecureContent {
  const content = typeof value === 'object' && value !== null ? contents.get(value) : undefined;
  if (!content) throw ioError('SSS_INVALID_TYPE_ARG', 'Expected an https.SecureString');
  return content;
}

function replay(content: SecureContent): string {
  return content.steps.reduce((text, step) => step(text), '');
}

/** HOST ONLY: the text a SecureString stands for, secrets resolved. Call it only to send. */
export function revealSecureString(value: unknown): string {
  return replay(contentOf(value));
}

/** Text with its placeholders checked now and resolved each time the recipe is replayed. */
function placeholderText(input: string, vault: SecretVault): Step {
  for (const match of input.matchAll(PLACEHOLDER)) vault.assertUsable(match[1]!);
  return () => input.replace(PLACEHOLDER, (_, ref: string) => vault.reveal(ref));
}

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string') throw ioError('SSS_MISSING_REQD_ARGUMENT', `Missing a required argument: ${name}`);
  return value;
}

function optionalEncoding(value: unknown, name: string): EncodingName | undefined {
  return value === undefined ? undefined : checkEncoding(value, name);
}

/** https.createSecureString. Governance: none. */
export function makeSecureString(
  vault: SecretVault,
  options: { input: string; inputEncoding?: string },
  present: (value: SecureString) => SecureString = (value) => value,
): SecureString {
  if (options == null) throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: input');
  const input = requireString(options.input, 'input');
  const encoding = optionalEncoding(options.inputEncoding, 'inputEncoding') ?? Encoding.UTF_8;
  const content: SecureContent = { steps: [placeholderText(input, vault)], encoding, vault };

  /** Adds a step, tries the whole recipe once so errors surface at this call, returns `self`. */
  const apply = (step: Step, nextEncoding: EncodingName = content.encoding) => {
    const previous = content.encoding;
    content.steps.push(step);
    content.encoding = nextEncoding;
    try {
      replay(content);
    } catch (error) {
      content.steps.pop();
      content.encoding = previous;
      throw error;
    }
    return facing;
  };

  const digestStep = (
    options: { algorithm: string; contentEncoding?: string; resultEncoding?: string },
    engine: (algorithm: string) => { update(data: Buffer): unknown; digest(): Buffer },
  ) => {
    const algorithm = nodeAlgorithm(checkHashAlg(options.algorithm));
    const from = optionalEncoding(options.contentEncoding, 'contentEncoding') ?? content.encoding;
    const to =
      optionalEncoding(options.resultEncoding, 'resultEncoding') ??
      (options.contentEncoding !== undefined ? Encoding.HEX : content.encoding);
    return apply((text) => {
      const digest = engine(algorithm);
      digest.update(textToBytes(text, from));
      return bytesToText(digest.digest(), to);
    }, to);
  };

  const self: SecureString = Object.freeze({
    appendString(options: { input: string; inputEncoding?: string; keepEncoding?: boolean }) {
      const text = requireString(options?.input, 'input');
      const from = optionalEncoding(options.inputEncoding, 'inputEncoding') ?? Encoding.UTF_8;
      const appended = placeholderText(text, vault);
      const target = content.encoding;
      return apply((current) => {
        const piece = appended('');
        return current + (options.keepEncoding || from === target ? piece : convertText(piece, from, target));
      });
    },
    appendSecureString(options: { secureString: unknown; keepEncoding?: boolean }) {
      const other = contentOf(options?.secureString);
      const otherSteps = [...other.steps];
      const from = other.encoding;
      const target = content.encoding;
      return apply((current) => {
        const piece = otherSteps.reduce((text, step) => step(text), '');
        return current + (options.keepEncoding || from === target ? piece : convertText(piece, from, target));
      });
    },
    convertEncoding(options: { fromEncoding: string; toEncoding: string }) {
      const from = checkEncoding(options?.fromEncoding, 'fromEncoding');
      const to = checkEncoding(options.toEncoding, 'toEncoding');
      return apply((text) => convertText(text, from, to), to);
    },
    hash(options: { algorithm: string; contentEncoding?: string; resultEncoding?: string }) {
      return digestStep(options ?? {}, (algorithm) => createHash(algorithm));
    },
    hmac(options: { algorithm: string; key: unknown; contentEncoding?: string; resultEncoding?: string }) {
      const key = options?.key;
      secretKeyBytes(key); // a bad key fails at this call
      return digestStep(options ?? {}, (algorithm) => createHmac(algorithm, secretKeyBytes(key)));
    },
    replaceString(options: { pattern: string; replacement: string }) {
      const pattern = requireString(options?.pattern, 'pattern');
      const replacement = requireString(options.replacement, 'replacement');
      return apply((text) => text.split(pattern).join(replacement));
    },
    toString: () => '[object https.SecureString]',
    toJSON: () => ({}),
  });
  const facing = present(self);
  contents.set(self, content);
  contents.set(facing, content);
  return facing;
}
