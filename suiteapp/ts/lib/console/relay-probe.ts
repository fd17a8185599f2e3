// The console's look at the relay: unsigned GETs of its readiness and metrics (10 units each, a
// /health fallback for relays without /readyz), and, on request, a signed POST /v1/ping that proves
// the HMAC secret matches (10 units). Never throws: every failure is part of what it reports.
import * as https from 'N/https';
import type { PingResponse } from '../../../../shared/src/contract';
import { RELAY_PATHS } from '../../../../shared/src/contract';
import type { Probe, RelayStatusView, SignatureCheck } from '../../../../shared/src/relay-status';
import { describeRelayStatus, describeSignatureCheck, RELAY_STATUS_PATHS } from '../../../../shared/src/relay-status';
import { postToRelay } from '../relay-client';

function get(url: string): Probe {
  try {
    const response = https.get({ url, headers: { accept: 'application/json, text/plain' } });
    return { status: response.code, body: response.body ?? '' };
  } catch (e) {
    const err = e as { name?: string; message?: string };
    return { error: `${err.name ?? 'Error'}: ${err.message ?? String(e)}` };
  }
}

/** Readiness, FedEx token state and limiter queue, as far as the relay reports them (20-30 units). */
export function readRelayStatus(relayUrl: string | undefined): RelayStatusView {
  if (!relayUrl) return describeRelayStatus({});
  const base = relayUrl.replace(/\/+$/, '');
  const started = Date.now();
  const readyz = get(base + RELAY_STATUS_PATHS.readiness);
  const durationMs = Date.now() - started;
  const unanswered = 'error' in readyz;
  // Older relays have no /readyz (404): /health tells whether they are up. An unreachable relay is not asked twice.
  const health = !unanswered && readyz.status === 404 ? get(base + RELAY_STATUS_PATHS.liveness) : undefined;
  const metrics = unanswered ? undefined : get(base + RELAY_STATUS_PATHS.metrics);
  return describeRelayStatus({ relayUrl, readyz, durationMs, ...(health ? { health } : {}), ...(metrics ? { metrics } : {}) });
}

/** The signed round trip of Test Connection (10 units). */
export function testConnection(relayUrl: string | undefined): SignatureCheck {
  if (!relayUrl) return { ok: false, title: 'No relay URL', message: 'Set the Relay URL on the FedEx Connector Settings record first.' };
  const answer = postToRelay<PingResponse>(relayUrl, RELAY_PATHS.ping, {});
  return describeSignatureCheck(answer, Date.now());
}
