// What an administrator sets up in the account before anything can call it from outside:
//  - OAuth 2.0 client credentials (M2M): an integration record (client id, scopes) mapped to an
//    uploaded certificate; NetSuite shows a certificate id, which clients put in the JWT's `kid`.
//    One registerIntegration call is one such mapping (several certificates may map one client).
//  - Token-based authentication: an integration record (consumer key/secret) and an access token
//    (token id/secret) made for a user and role.
// Tests register these through ns.auth (index.ts); nothing here is read from files.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { importJWK, importSPKI, importX509, type CryptoKey, type JWK } from 'jose';

/** Client assertion algorithms NetSuite documents (The Request Token Structure). RS256 is refused since 2025-03. */
export const ASSERTION_ALGORITHMS = ['PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as const;
export type AssertionAlgorithm = (typeof ASSERTION_ALGORITHMS)[number];

/** Scopes an integration record can tick (the client credentials flow and its tokens carry them). */
export const OAUTH_SCOPES = ['restlets', 'rest_webservices', 'suite_analytics'] as const;
export type OAuthScope = (typeof OAUTH_SCOPES)[number];

/** A public key as a test has it: a jose/WebCrypto key, a Node KeyObject, a JWK, or PEM text (SPKI or an X.509 certificate). */
export type PublicKeyInput = CryptoKey | KeyObject | JWK | string;

export interface IntegrationRegistration {
  /** The integration record's client id: the assertion's `iss`. */
  clientId: string;
  /** The id NetSuite gives the uploaded certificate: the assertion's `kid`. */
  certificateId: string;
  publicKey: PublicKeyInput;
  /** Default: every documented algorithm (PS256/384/512, ES256/384/512); RS256 cannot be registered. */
  algorithms?: AssertionAlgorithm[];
  /** The integration record's scopes. Default ['restlets']. */
  scopes?: OAuthScope[];
  /** Entity the mapping logs in as (reported as AuthDecision.entity). */
  entity?: string;
  /**
   * Role the mapping logs in with (NetSuite maps a certificate to an entity AND a role): a standard
   * role id (ADMINISTRATOR) or a custom role's script id. Default ADMINISTRATOR.
   */
  role?: string;
}

export interface TbaTokenRegistration {
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
  entity?: string;
  /** Role the access token was made for (a TBA token belongs to one user and one role). Default ADMINISTRATOR. */
  role?: string;
}

export interface Certificate {
  clientId: string;
  certificateId: string;
  algorithms: ReadonlySet<string>;
  scopes: ReadonlySet<string>;
  entity?: string;
  role: string;
  /** The key in the form jose verifies with, for one algorithm. */
  keyFor(alg: AssertionAlgorithm): Promise<CryptoKey | KeyObject>;
}

export interface TbaToken {
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
  entity?: string;
  role: string;
}

/** The role a credential logs in with when its registration names none. */
export const DEFAULT_ROLE = 'ADMINISTRATOR';

export class Credentials {
  private readonly certificates = new Map<string, Certificate>();
  private readonly consumers = new Map<string, string>();
  private readonly tbaTokens = new Map<string, TbaToken>();

  registerIntegration(input: IntegrationRegistration): void {
    const algorithms = input.algorithms ?? [...ASSERTION_ALGORITHMS];
    for (const alg of algorithms as string[]) {
      if (!(ASSERTION_ALGORITHMS as readonly string[]).includes(alg)) {
        throw new Error(`NetSuite double: ${alg} is not a client assertion algorithm NetSuite accepts (PS256/384/512, ES256/384/512; RS256 refused since 2025-03)`);
      }
    }
    const scopes = input.scopes ?? ['restlets'];
    for (const scope of scopes) {
      if (!(OAUTH_SCOPES as readonly string[]).includes(scope)) throw new Error(`NetSuite double: unknown OAuth 2.0 scope ${scope}`);
    }
    if (!input.clientId || !input.certificateId) throw new Error('NetSuite double: registerIntegration needs a clientId and a certificateId');
    if (this.certificates.has(input.certificateId)) throw new Error(`NetSuite double: certificate ${input.certificateId} is already mapped`);
    this.certificates.set(input.certificateId, {
      clientId: input.clientId,
      certificateId: input.certificateId,
      algorithms: new Set(algorithms),
      scopes: new Set(scopes),
      ...(input.entity !== undefined ? { entity: input.entity } : {}),
      role: input.role ?? DEFAULT_ROLE,
      keyFor: keyImporter(input.publicKey),
    });
  }

  registerTbaToken(input: TbaTokenRegistration): void {
    if (!input.consumerKey || !input.consumerSecret || !input.tokenId || !input.tokenSecret) {
      throw new Error('NetSuite double: registerTbaToken needs consumerKey, consumerSecret, tokenId and tokenSecret');
    }
    // One integration record has one consumer secret, whatever number of tokens it has.
    const known = this.consumers.get(input.consumerKey);
    if (known !== undefined && known !== input.consumerSecret) throw new Error(`NetSuite double: consumer key ${input.consumerKey} is registered with another secret`);
    if (this.tbaTokens.has(input.tokenId)) throw new Error(`NetSuite double: TBA token ${input.tokenId} is already registered`);
    this.consumers.set(input.consumerKey, input.consumerSecret);
    this.tbaTokens.set(input.tokenId, { ...input, role: input.role ?? DEFAULT_ROLE });
  }

  certificate(certificateId: string): Certificate | undefined {
    return this.certificates.get(certificateId);
  }

  hasConsumer(consumerKey: string): boolean {
    return this.consumers.has(consumerKey);
  }

  tbaToken(tokenId: string): TbaToken | undefined {
    return this.tbaTokens.get(tokenId);
  }
}

/**
 * PEM and JWK inputs are imported per algorithm (WebCrypto binds a key to one algorithm, so an
 * RSA key verifies PS256 and PS512 only as two imports); key objects are used as they are.
 */
function keyImporter(input: PublicKeyInput): Certificate['keyFor'] {
  if (typeof input === 'string') {
    const pem = input.trim();
    if (pem.includes('PRIVATE KEY')) throw new Error('NetSuite double: register the PUBLIC key (NetSuite keeps only the certificate)');
    createPublicKey(pem); // fails now, at registration, on text that is no key
    return (alg) => (pem.startsWith('-----BEGIN CERTIFICATE-----') ? importX509(pem, alg) : importSPKI(pem, alg));
  }
  if (isKeyObjectOrCryptoKey(input)) {
    if (input.type !== 'public') throw new Error('NetSuite double: register the PUBLIC key (NetSuite keeps only the certificate)');
    return async () => input;
  }
  if ('d' in input) throw new Error('NetSuite double: register the PUBLIC key (NetSuite keeps only the certificate)');
  return async (alg) => {
    const key = await importJWK(input, alg);
    if (key instanceof Uint8Array) throw new Error('NetSuite double: a symmetric JWK is no certificate key');
    return key;
  };
}

function isKeyObjectOrCryptoKey(input: Exclude<PublicKeyInput, string>): input is CryptoKey | KeyObject {
  return typeof (input as { type?: unknown }).type === 'string' && !('kty' in input);
}
