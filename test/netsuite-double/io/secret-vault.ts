// The account's API secrets (Setup > Company > API Secrets). A script names a secret by its script
// id ('custsecret_…') and never reads its value: only host code (HMAC keys, SecureString sending)
// calls reveal(). As in an SDF project, a secret is usable only when it is ALSO declared as an SDF
// `secret` object (Objects/custsecret_x.xml); a value alone, or a declaration alone, fails.
//
// NetSuite does not document the error name for an unknown or unusable secret; the double throws
// INVALID_SECRET_KEY (an assumption) with a message saying which half is missing.
import { ioError } from './errors.js';

const SECRET_ID = /^custsecret[a-z0-9_]{1,89}$/i;
const GUID = /^[a-f0-9]{32}$/i;

export interface SecretVaultOptions {
  /** custsecret_x → clear value; 32-hex-digit GUIDs (credential fields) need no declaration. */
  values?: Record<string, string>;
  /** Script ids of the SDF `secret` objects of the project. */
  declared?: Iterable<string>;
  /** Further declarations read when a secret is used (the core's parsed SDF project). */
  declaredElsewhere?: () => ReadonlySet<string>;
}

export class SecretVault {
  readonly #values = new Map<string, string>();
  readonly #declared = new Set<string>();
  readonly #declaredElsewhere: () => ReadonlySet<string>;

  constructor(options: SecretVaultOptions = {}) {
    this.#declaredElsewhere = options.declaredElsewhere ?? (() => new Set());
    for (const [id, value] of Object.entries(options.values ?? {})) this.set(id, value);
    this.declare(options.declared ?? []);
  }

  /** Marks secrets as declared SDF objects (the core's SDF parser feeds this). */
  declare(ids: Iterable<string>): void {
    for (const id of ids) this.#declared.add(id.toLowerCase());
  }

  /** Stores or rotates a value, as an administrator would on the API Secrets page. */
  set(id: string, value: string): void {
    if (!SECRET_ID.test(id) && !GUID.test(id)) {
      throw new Error(`API secret ids start with "custsecret" (or are 32-hex GUIDs): ${id}`);
    }
    this.#values.set(id.toLowerCase(), value);
  }

  /** Whether the account holds a value for `id` (Setup > Company > API Secrets). */
  has(id: string): boolean {
    return this.#values.has(String(id).toLowerCase());
  }

  /** Whether `ref` names a secret or GUID placeholder. */
  static isReference(ref: string): boolean {
    return SECRET_ID.test(ref) || GUID.test(ref);
  }

  /** Throws unless a script may use `ref`; never returns the value. */
  assertUsable(ref: string): void {
    this.reveal(ref);
  }

  /** HOST ONLY: the clear value of `ref`. Never hand the result to a script. */
  reveal(ref: string): string {
    const id = String(ref).toLowerCase();
    if (SECRET_ID.test(id) && !this.#isDeclared(id)) {
      throw ioError(
        'INVALID_SECRET_KEY',
        `${ref} is not declared: add Objects/${id}.xml (<secret scriptid="${id}"/>) to the SDF project.`,
      );
    }
    const value = this.#values.get(id);
    if (value === undefined) {
      throw ioError('INVALID_SECRET_KEY', `The account holds no API secret ${ref}.`);
    }
    return value;
  }

  #isDeclared(id: string): boolean {
    if (this.#declared.has(id)) return true;
    return [...this.#declaredElsewhere()].some((declared) => declared.toLowerCase() === id);
  }

  /** Every clear value, so tests can prove none of them reached a script-visible string. */
  allValues(): string[] {
    return [...this.#values.values()];
  }
}
