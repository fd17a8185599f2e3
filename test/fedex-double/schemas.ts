import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFixtureJson } from './fixtures';

/**
 * Validators compiled from FedEx's own OpenAPI 3.0 files (test/fixtures/fedex/openapi/).
 *
 * Each operation's schema is read from the document (paths → method → requestBody / responses →
 * content → schema), never hard-coded. Two facts about FedEx's files shape how:
 *
 * 1. FedEx lists documentation examples as `oneOf` alternatives: the create-shipment body is
 *    `oneOf: [Full_Schema_Ship, MinimumSamplePayload-ShipShipment, ... 35 more]`, and all but the first
 *    are `{ example: ... }` with no constraint at all. Read literally, every body matches those 35 empty
 *    schemas, so `oneOf` (exactly one) rejects everything and `anyOf` accepts everything. The double drops
 *    alternatives that constrain nothing and validates against what remains (Full_Schema_Ship, ...).
 * 2. TrackingNumbers-Resource.json refers to `#/components/schemas/ContactVO_1`, which it does not define.
 *    Such dangling references are replaced by `{}` (anything) and listed by `danglingRefs()`; it only
 *    touches a response sub-object (`destinationLocation.locationContactAndAddress.contact`).
 *
 * Ajv runs with strict:false (OpenAPI keywords such as `example`, `xml`), allErrors (report every failing
 * field), ajv-formats, and OpenAPI's `nullable`, which Ajv 8 supports natively. OpenAPI's numeric formats
 * (int32, int64, float, double) are registered as range checks so they are not silently unknown.
 */

export type OperationId =
  | 'oauth.token'
  | 'ship.create'
  | 'ship.cancel'
  | 'track.trackingnumbers'
  | 'track.referencenumbers'
  | 'address.resolve';

interface OperationSpec {
  file: string;
  path: string;
  method: 'post' | 'put';
  requestContentType: string;
}

export const OPERATIONS: Record<OperationId, OperationSpec> = {
  'oauth.token': {
    file: 'APIAuthorization-Resource.json',
    path: '/oauth/token',
    method: 'post',
    requestContentType: 'application/x-www-form-urlencoded',
  },
  'ship.create': { file: 'Shipment-Resource.json', path: '/ship/v1/shipments', method: 'post', requestContentType: 'application/json' },
  'ship.cancel': { file: 'Shipment-Resource.json', path: '/ship/v1/shipments/cancel', method: 'put', requestContentType: 'application/json' },
  'track.trackingnumbers': {
    file: 'TrackingNumbers-Resource.json',
    path: '/track/v1/trackingnumbers',
    method: 'post',
    requestContentType: 'application/json',
  },
  // The ShipStream set has no reference-number operation; karrio's copy of FedEx's Track file has all six.
  'track.referencenumbers': { file: 'track.json', path: '/track/v1/referencenumbers', method: 'post', requestContentType: 'application/json' },
  'address.resolve': {
    file: 'Addresses-Resource.json',
    path: '/address/v1/addresses/resolve',
    method: 'post',
    requestContentType: 'application/json',
  },
};

/** One failing field: `path` in FedEx's dotted style (`requestedShipment.recipients[0].address.countryCode`). */
export interface FieldError {
  path: string;
  message: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const NON_CONSTRAINING_KEYS = new Set(['description', 'example', 'examples', 'title', 'xml', 'externalDocs', 'deprecated', 'readOnly', 'writeOnly']);

const documents = new Map<string, JsonObject>();
const dangling = new Set<string>();
const validators = new Map<string, ValidateFunction>();
let ajvInstance: Ajv | undefined;

function ajv(): Ajv {
  if (ajvInstance) return ajvInstance;
  const instance = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(instance);
  const int = (min: number, max: number) => ({ type: 'number' as const, validate: (n: number) => Number.isInteger(n) && n >= min && n <= max });
  instance.addFormat('int32', int(-2147483648, 2147483647));
  instance.addFormat('int64', int(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER));
  instance.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  instance.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajvInstance = instance;
  return instance;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolvePointer(doc: JsonObject, pointer: string): Json | undefined {
  if (!pointer.startsWith('#/')) return undefined;
  let node: Json | undefined = doc;
  for (const raw of pointer.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node)) node = node[key];
    else return undefined;
  }
  return node;
}

/** Replaces `$ref`s that point nowhere with `{}` so Ajv can compile the rest of the document. */
function patchDanglingRefs(doc: JsonObject, file: string): void {
  const patched = (child: Json): Json | undefined => {
    if (!isObject(child) || typeof child.$ref !== 'string' || resolvePointer(doc, child.$ref) !== undefined) return undefined;
    dangling.add(`${file}${child.$ref}`);
    return { description: `dangling ${child.$ref} in ${file}, accepted as anything by the double` };
  };
  const visit = (node: Json): void => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => {
        const replacement = patched(child);
        if (replacement) node[index] = replacement;
        else visit(child);
      });
      return;
    }
    if (!isObject(node)) return;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'example' || key === 'examples') continue;
      const replacement = patched(child);
      if (replacement) node[key] = replacement;
      else visit(child);
    }
  };
  visit(doc);
}

function loadDocument(file: string): JsonObject {
  const cached = documents.get(file);
  if (cached) return cached;
  const doc = readFixtureJson<JsonObject>(`openapi/${file}`);
  patchDanglingRefs(doc, file);
  documents.set(file, doc);
  ajv().addSchema(doc as object, file);
  return doc;
}

function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function constrains(schema: Json | undefined): boolean {
  return isObject(schema) && Object.keys(schema).some((key) => !NON_CONSTRAINING_KEYS.has(key));
}

/**
 * The JSON pointer of the schema the double validates against, starting from the schema at `pointer`:
 * follows a lone `$ref`, and reduces a `oneOf` of examples to its constraining alternatives (see top).
 */
function effectiveSchemaPointer(doc: JsonObject, pointer: string, depth = 0): string {
  const node = resolvePointer(doc, pointer);
  if (!isObject(node)) throw new Error(`no schema at ${pointer}`);
  if (depth > 8) throw new Error(`${pointer}: $ref chain too deep`);
  if (typeof node.$ref === 'string' && Object.keys(node).length === 1) return effectiveSchemaPointer(doc, node.$ref, depth + 1);
  const alternatives = node.oneOf;
  if (Array.isArray(alternatives)) {
    const kept: string[] = [];
    alternatives.forEach((alt, index) => {
      const altPointer = isObject(alt) && typeof alt.$ref === 'string' ? alt.$ref : `${pointer}/oneOf/${index}`;
      if (constrains(resolvePointer(doc, altPointer))) kept.push(altPointer);
    });
    if (kept.length === 1 && kept[0] !== undefined) return effectiveSchemaPointer(doc, kept[0], depth + 1);
    if (kept.length === 0) throw new Error(`${pointer}: no oneOf alternative constrains anything`);
  }
  return pointer;
}

function operationNode(op: OperationId): { doc: JsonObject; opPointer: string; spec: OperationSpec } {
  const spec = OPERATIONS[op];
  const doc = loadDocument(spec.file);
  const opPointer = `#/paths/${escapePointerSegment(spec.path)}/${spec.method}`;
  if (!isObject(resolvePointer(doc, opPointer))) throw new Error(`${spec.file} has no ${spec.method.toUpperCase()} ${spec.path}`);
  return { doc, opPointer, spec };
}

/** Where the request schema of `op` lives, e.g. `Shipment-Resource.json#/components/schemas/Full_Schema_Ship`. */
export function requestSchemaRef(op: OperationId): string {
  const { doc, opPointer, spec } = operationNode(op);
  const contentPointer = `${opPointer}/requestBody/content/${escapePointerSegment(spec.requestContentType)}/schema`;
  return `${spec.file}${effectiveSchemaPointer(doc, contentPointer)}`;
}

/** Where the response schema of `op` for `status` lives. */
export function responseSchemaRef(op: OperationId, status: number): string {
  const { doc, opPointer, spec } = operationNode(op);
  const contentPointer = `${opPointer}/responses/${status}/content/application~1json/schema`;
  if (resolvePointer(doc, contentPointer) === undefined) throw new Error(`${spec.file}: no ${status} JSON response for ${spec.path}`);
  return `${spec.file}${effectiveSchemaPointer(doc, contentPointer)}`;
}

function validatorFor(ref: string): ValidateFunction {
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv().getSchema(ref);
    if (!validate) throw new Error(`cannot compile ${ref}`);
    validators.set(ref, validate);
  }
  return validate;
}

/** `/requestedShipment/recipients/0/address` → `requestedShipment.recipients[0].address` */
export function toFieldPath(instancePath: string, child?: string): string {
  const segments = instancePath.split('/').slice(1);
  if (child !== undefined) segments.push(child);
  let out = '';
  for (const raw of segments) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out === '' ? '(request body)' : out;
}

function describe(error: ErrorObject): FieldError {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: toFieldPath(error.instancePath, String(params.missingProperty)), message: 'is required' };
    case 'additionalProperties':
      return { path: toFieldPath(error.instancePath, String(params.additionalProperty)), message: 'is not allowed' };
    case 'enum':
      return {
        path: toFieldPath(error.instancePath),
        message: `must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`,
      };
    default:
      return { path: toFieldPath(error.instancePath), message: error.message ?? error.keyword };
  }
}

function toFieldErrors(errors: ErrorObject[] | null | undefined): FieldError[] {
  const seen = new Map<string, FieldError>();
  for (const error of errors ?? []) {
    const field = describe(error);
    seen.set(`${field.path}\u0000${field.message}`, field);
  }
  return [...seen.values()];
}

/** Every failing field of a request body for `op`; empty when FedEx's schema accepts it. */
export function validateRequestBody(op: OperationId, body: unknown): FieldError[] {
  const validate = validatorFor(requestSchemaRef(op));
  return validate(body) ? [] : toFieldErrors(validate.errors);
}

/** Every failing field of a response body of `op` with HTTP `status` (the double's tests use it on itself). */
export function validateResponseBody(op: OperationId, status: number, body: unknown): FieldError[] {
  const validate = validatorFor(responseSchemaRef(op, status));
  return validate(body) ? [] : toFieldErrors(validate.errors);
}

/** Dangling `$ref`s found in the FedEx documents loaded so far (each replaced by `{}`). */
export function danglingRefs(): string[] {
  return [...dangling].sort();
}

/** Compiles every request validator now (the first compile of the Ship schema takes a few hundred ms). */
export function warmUpValidators(): void {
  for (const op of Object.keys(OPERATIONS) as OperationId[]) validatorFor(requestSchemaRef(op));
}
