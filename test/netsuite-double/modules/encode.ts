// N/encode, and the byte <-> text codecs that N/crypto and N/https share with it.
//
// The double is strict where Node is lenient: Buffer.from('%%', 'base64') silently drops bad
// characters and Buffer#toString('utf8') silently inserts U+FFFD, while NetSuite's Java codecs
// throw. A script that feeds garbage to a codec fails here instead of signing the wrong bytes.
// HEX output is upper case, as NetSuite's digests are (scripts that compare against a lower-case
// hex string must call toLowerCase(), in NetSuite as here).
import type { ScriptRunContext } from '../types.js';
import { ioError, scriptFacing } from '../io/errors.js';

/** encode.Encoding: NetSuite's enum values are the names themselves. */
export const Encoding = Object.freeze({
  UTF_8: 'UTF_8',
  BASE_16: 'BASE_16',
  BASE_32: 'BASE_32',
  BASE_64: 'BASE_64',
  BASE_64_URL_SAFE: 'BASE_64_URL_SAFE',
  HEX: 'HEX',
  // Character sets N/file and N/https also accept; text-only here.
  WINDOWS_1252: 'WINDOWS_1252',
  ISO_8859_1: 'ISO_8859_1',
} as const);
export type EncodingName = (typeof Encoding)[keyof typeof Encoding];

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64_URL = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}(?:==)?|[A-Za-z0-9_-]{3}=?)?$/;
const HEX_DIGITS = /^(?:[0-9A-Fa-f]{2})*$/;
const BASE32 = /^(?:[A-Z2-7]{8})*(?:[A-Z2-7]{2}={6}|[A-Z2-7]{4}={4}|[A-Z2-7]{5}={3}|[A-Z2-7]{7}=)?$/;
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Throws unless `value` is one of the encodings this double implements. */
export function checkEncoding(value: unknown, parameter: string): EncodingName {
  if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(Encoding, value)) {
    return value as EncodingName;
  }
  throw ioError('INVALID_ENCODING', `${parameter}: ${String(value)} is not an encode.Encoding value`);
}

function decodeFailure(encoding: string): Error {
  return ioError(
    'FAILED_TO_DECODE_STRING_ENCODED_BINARY_DATA_USING_1_ENCODING',
    `The string is not valid ${encoding} data.`,
  );
}

/** Decodes text written in `encoding` into the bytes it stands for. */
export function textToBytes(text: string, encoding: EncodingName): Buffer {
  switch (encoding) {
    case 'UTF_8':
      return Buffer.from(text, 'utf8');
    case 'BASE_64':
      if (!BASE64.test(text)) throw decodeFailure(encoding);
      return Buffer.from(text, 'base64');
    case 'BASE_64_URL_SAFE':
      if (!BASE64_URL.test(text)) throw decodeFailure(encoding);
      return Buffer.from(text.replace(/=+$/, ''), 'base64url');
    case 'HEX':
    case 'BASE_16':
      if (!HEX_DIGITS.test(text)) throw decodeFailure(encoding);
      return Buffer.from(text, 'hex');
    case 'BASE_32':
      if (!BASE32.test(text)) throw decodeFailure(encoding);
      return base32Decode(text);
    case 'WINDOWS_1252':
    case 'ISO_8859_1':
      // eslint-disable-next-line no-control-regex -- the range starts at NUL on purpose (Latin-1)
      if (/[^\u0000-\u00ff]/.test(text)) throw decodeFailure(encoding);
      return Buffer.from(text, 'latin1');
  }
}

/** Encodes bytes as text in `encoding`. */
export function bytesToText(bytes: Uint8Array, encoding: EncodingName): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (encoding) {
    case 'UTF_8':
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
      } catch {
        throw ioError('FAILED_TO_CONVERT_BINARY_DATA_TO_UTF_8', 'The data is not a valid UTF-8 string.');
      }
    case 'BASE_64':
      return buffer.toString('base64');
    case 'BASE_64_URL_SAFE':
      // Java's URL-safe encoder keeps the padding; so does the double.
      return buffer.toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    case 'HEX':
    case 'BASE_16':
      return buffer.toString('hex').toUpperCase();
    case 'BASE_32':
      return base32Encode(buffer);
    case 'WINDOWS_1252':
    case 'ISO_8859_1':
      return buffer.toString('latin1');
  }
}

function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

function base32Decode(text: string): Buffer {
  const clean = text.replace(/=+$/, '');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    value = (value << 5) | BASE32_ALPHABET.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** Re-encodes `text` from one encoding into another (encode.convert's rule). */
export function convertText(text: string, from: EncodingName, to: EncodingName): string {
  return bytesToText(textToBytes(text, from), to);
}

export interface ConvertOptions {
  string: string;
  inputEncoding: string;
  outputEncoding: string;
}

/** N/encode for one script invocation. Governance: none. */
export function createEncodeModule(ctx: ScriptRunContext) {
  const module = Object.freeze({
    Encoding,
    convert(options: ConvertOptions): string {
      if (options == null || typeof options !== 'object') {
        throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: options');
      }
      if (typeof options.string !== 'string') {
        throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: string');
      }
      const from = checkEncoding(options.inputEncoding, 'inputEncoding');
      const to = checkEncoding(options.outputEncoding, 'outputEncoding');
      return convertText(options.string, from, to);
    },
  });
  return scriptFacing(ctx, module, 'N/encode', false);
}
