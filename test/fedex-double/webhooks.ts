import { createHmac, randomUUID } from 'node:crypto';
import type { CompleteTrackResult } from './tracking';

/**
 * Advanced Integrated Visibility push. FedEx publishes no schema of the payload ("it resembles Track
 * output"), so the double's shape is its own and deliberately close to Track:
 *
 *   {
 *     "eventId": "<uuid, new for every push: a receiver's dedupe key>",
 *     "eventCreateTime": "<local time with offset, on the double's clock>",
 *     "trackingNumber": "794600000019",
 *     "output": { "completeTrackResults": [ <exactly what POST /track/v1/trackingnumbers returns for this
 *                                            number, detailed scans included> ] }
 *   }
 *
 * Signature as FedEx documents it: header `fdx-signature` = base64(HMAC-SHA256(raw body bytes, security
 * token)). Receivers must verify over the raw bytes, before parsing. FedEx warns that events can arrive
 * out of order; `pushTrackingWebhook({ atMs })` builds a payload as of an earlier time to model that.
 */
export interface TrackingWebhookPayload {
  eventId: string;
  eventCreateTime: string;
  trackingNumber: string;
  output: { completeTrackResults: CompleteTrackResult[] };
}

export const WEBHOOK_SIGNATURE_HEADER = 'fdx-signature';

export function signWebhookBody(rawBody: string | Uint8Array, securityToken: string): string {
  return createHmac('sha256', securityToken).update(rawBody).digest('base64');
}

export function webhookPayload(trackingNumber: string, eventCreateTime: string, result: CompleteTrackResult): TrackingWebhookPayload {
  return { eventId: randomUUID(), eventCreateTime, trackingNumber, output: { completeTrackResults: [result] } };
}

export interface WebhookPushResult {
  /** HTTP status the receiver answered; 0 when the request itself failed. */
  status: number;
  delivered: boolean;
  responseBody: string;
  error?: string;
  payload: TrackingWebhookPayload;
  rawBody: string;
  signature: string;
}

/** POSTs with real `fetch` (the receiver is a loopback server); never throws for the receiver's failures. */
export async function postWebhook(url: string, payload: TrackingWebhookPayload, securityToken: string): Promise<WebhookPushResult> {
  const rawBody = JSON.stringify(payload);
  const signature = signWebhookBody(rawBody, securityToken);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: signature },
      body: rawBody,
    });
    const responseBody = await response.text();
    return { status: response.status, delivered: response.ok, responseBody, payload, rawBody, signature };
  } catch (error) {
    const message = error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error);
    return { status: 0, delivered: false, responseBody: '', error: message, payload, rawBody, signature };
  }
}
