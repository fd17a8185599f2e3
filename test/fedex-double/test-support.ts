import type { Clock } from './clock';
import type { FedexDouble } from './app';
import type { FedexErrorBody } from './errors';

/** Small helpers the double's own tests share. */

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export function tokenRequest(fetchFn: Fetch, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetchFn('/oauth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

export function credentials(double: FedexDouble<Clock>): Record<string, string> {
  return { grant_type: 'client_credentials', client_id: double.config.clientId, client_secret: double.config.clientSecret };
}

export interface ApiClient {
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  put(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** Calls the FedEx API of `double` with a bearer token (issued directly unless given). */
export function apiClient(double: FedexDouble<Clock>, token: string = double.issueToken(), fetchFn: Fetch = double.fetch, baseUrl = ''): ApiClient {
  const call = (method: string) => (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetchFn(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  return { post: call('POST'), put: call('PUT') };
}

export async function json<T = unknown>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export async function errorsOf(response: Response): Promise<FedexErrorBody> {
  return json<FedexErrorBody>(response);
}

/** Minimal shapes of the double's responses that tests read. */
export interface ShipResponseBody {
  transactionId: string;
  customerTransactionId?: string;
  output: {
    transactionShipments: Array<{
      masterTrackingNumber: string;
      serviceType: string;
      shipDatestamp: string;
      pieceResponses: Array<{
        trackingNumber: string;
        masterTrackingNumber: string;
        packageDocuments: Array<{ url?: string; encodedLabel?: string; docType: string; contentType: string }>;
      }>;
    }>;
  };
}

export interface TrackResponseBody {
  transactionId: string;
  output: {
    completeTrackResults: Array<{
      trackingNumber: string;
      trackResults: Array<{
        trackingNumberInfo: { trackingNumber: string; trackingNumberUniqueId?: string };
        error?: { code: string; message: string };
        latestStatusDetail?: { code: string; derivedCode: string; statusByLocale: string; description: string };
        dateAndTimes?: Array<{ type: string; dateTime: string }>;
        scanEvents?: Array<{ date: string; eventType: string; exceptionCode: string; exceptionDescription: string; derivedStatusCode: string }>;
        deliveryDetails?: { receivedByName?: string; deliveryAttempts: string };
      }>;
    }>;
  };
}
