import { randomUUID } from 'node:crypto';
import { readFixtureJson } from './fixtures';

/** FedEx's error envelope (ErrorResponseVO in every FedEx OpenAPI file). */
export interface FedexParameter {
  key: string;
  value: string;
}
export interface FedexError {
  code: string;
  message: string;
  parameterList?: FedexParameter[];
}
export interface FedexErrorBody {
  transactionId: string;
  customerTransactionId?: string;
  errors: FedexError[];
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 429 | 500 | 503;

/** An error the double answers with: status plus FedEx-shaped errors. Thrown by handlers, rendered by app.ts. */
export class FedexHttpError extends Error {
  readonly status: ErrorStatus;
  readonly errors: FedexError[];

  constructor(status: ErrorStatus, errors: FedexError | FedexError[]) {
    const list = Array.isArray(errors) ? errors : [errors];
    super(list.map((e) => `${e.code}: ${e.message}`).join('; '));
    this.name = 'FedexHttpError';
    this.status = status;
    this.errors = list;
  }
}

export function errorBody(errors: FedexError[], customerTransactionId?: string): FedexErrorBody {
  return {
    transactionId: randomUUID(),
    ...(customerTransactionId !== undefined ? { customerTransactionId } : {}),
    errors,
  };
}

function sampleError(file: string): FedexError {
  const body = readFixtureJson<FedexErrorBody>(`samples/${file}`);
  const first = body.errors[0];
  if (!first) throw new Error(`sample ${file} has no errors[0]`);
  return { code: first.code, message: first.message };
}

/** Field-level input error. FedEx uses INVALID.INPUT.EXCEPTION / "Invalid field value in the input" for
 * malformed requests (seen in integrations' recorded responses); the double appends the failing field path
 * to the message and puts it in parameterList so every failing field is named. */
export const INVALID_INPUT_CODE = 'INVALID.INPUT.EXCEPTION';
export function invalidField(path: string, problem: string): FedexError {
  return {
    code: INVALID_INPUT_CODE,
    message: `Invalid field value in the input: ${path} ${problem}`,
    parameterList: [{ key: 'field', value: path }],
  };
}

/** Errors whose code and message come from FedEx's own samples and OpenAPI examples. */
export const FEDEX_ERRORS = {
  /** samples/oauth-token-401-not-authorized.json */
  invalidClientCredentials: (): FedexError => sampleError('oauth-token-401-not-authorized.json'),
  /** samples/error-401-token-expired.json: FedEx's documented answer to a bad bearer token. */
  tokenNotAuthorized: (): FedexError => sampleError('error-401-token-expired.json'),
  /** samples/error-403-forbidden.json */
  forbidden: (): FedexError => sampleError('error-403-forbidden.json'),
  /** samples/error-500-internal-server-error.json */
  internal: (): FedexError => sampleError('error-500-internal-server-error.json'),
  /** samples/error-503-service-unavailable.json */
  unavailable: (): FedexError => sampleError('error-503-service-unavailable.json'),
  /** 404 example in every FedEx OpenAPI file. */
  notFound: (): FedexError => ({
    code: 'NOT.FOUND.ERROR',
    message: 'The resource you requested is no longer available. Please modify your request and try again.',
  }),
  /** Shipment-Resource.json, 400 example of POST /ship/v1/shipments. */
  accountNumberUnknown: (): FedexError => ({
    code: 'ACCOUNTNUMBER.REGISTRATION.REQUIRED',
    message: 'Please enter a valid 9-digit FedEx account number or register for a new FedEx account number.',
  }),
  /** Real FedEx 400 when the SENDER payor account differs from the shipper account (seen in integrations). */
  accountNumberMismatch: (): FedexError => ({
    code: 'ACCOUNT.NUMBER.MISMATCH',
    message:
      'Account Number Mismatch -As the payment Type is SENDER, ShippingChargesPayment Payor AccountNumber should match the shipper account number .Please update and try again.',
  }),
  /** FedEx's Ship DG API (ShipDGHazmatAPI-Resource.json) 400 example. */
  accountUnauthorized: (): FedexError => ({
    code: 'SHIPMENT.ACCOUNTNUMBER.UNAUTHORIZED',
    message: 'This account is unauthorized. Please contact FedEx Customer Service.',
  }),
  /** Shipment-Resource.json, 400 example of PUT /ship/v1/shipments/cancel. */
  userUnauthorized: (): FedexError => ({
    code: 'SHIPMENT.USER.UNAUTHORIZED',
    message: 'Requested user is not authorized to perform the operation.',
  }),
  /** Shipment-Resource.json, 400 example of the Ship API's tracking-number operations. */
  trackingNumberInvalid: (detail?: string): FedexError => ({
    code: 'TRACKINGNUMBER.ENTERED.INVALID',
    message: `Error with entered Tracking Number. Please verify the entered Tracking Number.${detail ? ` ${detail}` : ''}`,
  }),
  /** samples/track-400-trackingnumber-empty.json */
  trackingNumberEmpty: (): FedexError => ({ code: 'TRACKING.TRACKINGNUMBER.EMPTY', message: 'Please provide tracking number.' }),
  /** track.json, 400 example of POST /track/v1/trackingnumbers; FedEx puts it inside a 200, per number. */
  trackingNumberNotFound: (): FedexError => ({
    code: 'TRACKING.TRACKINGNUMBER.NOTFOUND',
    message: 'Tracking number cannot be found. Please correct the tracking number and try again.',
  }),
  /** No FedEx example exists for an unmatched reference; modelled on TRACKING.TRACKINGNUMBER.NOTFOUND. */
  referenceNotFound: (): FedexError => ({
    code: 'TRACKING.REFERENCENUMBER.NOTFOUND',
    message: 'Reference number cannot be found. Please correct the reference number and try again.',
  }),
  /**
   * FedEx publishes no 429 body (no spec or sample defines one). The message is FedEx's own wording from
   * its rate-limit guide ("429 – Too many requests – We have received too many requests in a short
   * duration. Please wait a while to try again."); the code follows FedEx's status-named codes
   * (NOT.FOUND.ERROR, FORBIDDEN.ERROR, ...) and is the double's choice: clients must branch on HTTP 429.
   */
  tooManyRequests: (): FedexError => ({
    code: 'TOO.MANY.REQUESTS.ERROR',
    message: 'We have received too many requests in a short duration. Please wait a while to try again.',
  }),
} as const;
