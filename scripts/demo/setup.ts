// Brings up everything the demo runs on, in the order an adopter would: FedEx (the double, or the
// sandbox from FEDEX_* variables), the relay's https front, the NetSuite account with the SuiteApp
// deployed and configured, then the relay itself with the operator's environment variables.
import { randomBytes } from 'node:crypto';
import { RELAY_PATHS } from '../../shared/src/contract';
import { signedHeaders } from '../../test/support/relay-signing';
import { testTlsIdentity } from '../../test/support/test-tls';
import { createDemoAccount, type DemoAccount } from './account';
import { nextMorning, startDemoClock, type DemoClock } from './clock';
import type { Progress } from './progress';
import { freePort, sandboxFromEnv, startFedexDouble, startRelay, startTlsTerminator, stopChildren, type FedexDoubleProcess, type FedexTarget, type RelayProcess } from './stand-ins';

/** How long before the demo's morning the relay's clock says it started. */
const RELAY_HEAD_START_MS = 60_000;
/** The double's default shipper account (FedEx's sample account number). */
const DOUBLE_ACCOUNT = '740561073';

export interface Demo {
  a: DemoAccount;
  clock: DemoClock;
  relay: RelayProcess;
  /** The FedEx double's process; undefined against FedEx's sandbox. */
  fedex: FedexDoubleProcess | undefined;
  target: FedexTarget;
  /** The relay's https URL, as entered in the connector's settings. */
  relayUrl: string;
  /** The HMAC secret shared by the relay (RELAY_SHARED_SECRET) and NetSuite (API secret custsecret_mlfx_relay_hmac). */
  relaySecret: string;
  /** Whether the relay has the cancel route (POST /v1/shipments/cancel) that voids need. */
  relayCancels: boolean;
  stop(): Promise<void>;
}

export async function startDemo(env: NodeJS.ProcessEnv, progress: Progress): Promise<Demo> {
  const sandbox = sandboxFromEnv(env);
  const tls = throwawayCertificate();
  const start = nextMorning(Date.now());
  // FedEx's double starts (a TypeScript child, the slowest to start) while NetSuite is deployed.
  const fedexStarting = sandbox ? undefined : startFedexDouble({ caFile: tls.certPath, accountNumber: DOUBLE_ACCOUNT });
  fedexStarting?.catch(() => undefined);
  const relayPort = await freePort();
  const relayUrl = await startTlsTerminator({ key: tls.key, cert: tls.cert, relayPort });
  // The HMAC secret: created once, entered in NetSuite (API Secrets) before the deploy, and given to the relay.
  const relaySecret = randomBytes(32).toString('base64url');
  const a = await createDemoAccount({ relayUrl, relaySecret, ...(sandbox ? {} : { start }) });
  progress.step(`NetSuite account ${a.accountId}: SuiteApp deployed through deploy.xml (${a.ns.find('customrecord_mlfx_settings').length} settings record by the installation script), relay URL ${relayUrl}`);

  const fedex = await fedexStarting;
  const target: FedexTarget = sandbox ?? fedex!.target;
  // FedEx's clock first: the relay asks for a token as soon as it starts.
  await fedex?.control('POST', 'clock', { setMs: start });
  const relay = await startRelay(
    {
      FEDEX_BASE_URL: target.url,
      FEDEX_CLIENT_ID: target.clientId,
      FEDEX_CLIENT_SECRET: target.clientSecret,
      RELAY_SHARED_SECRET: relaySecret,
      PORT: String(relayPort),
      HOST: '127.0.0.1',
      // Webhooks come from the FedEx double only: FedEx's sandbox pushes to registered public URLs.
      ...(target.kind === 'double' ? { FEDEX_WEBHOOK_SECURITY_TOKEN: target.webhookToken, ...a.relayNetSuiteEnv } : {}),
    },
    // The relay starts a little before the account's morning: it refuses requests signed before
    // it started (its nonce memory begins then), and NetSuite signs with the morning's time.
    fedex ? start - Date.now() - RELAY_HEAD_START_MS : 0,
  );
  const clock = await startDemoClock(a.ns, relay, fedex, start);
  progress.step(`relay/dist/index.js on ${relay.directUrl} behind ${relayUrl}, FedEx: ${target.kind === 'double' ? `the FedEx double at ${target.url}` : `FedEx's sandbox at ${target.url}`}`);
  return {
    a,
    clock,
    relay,
    fedex,
    target,
    relayUrl,
    relaySecret,
    relayCancels: await hasCancelRoute(relay, relaySecret, clock.now()),
    stop: async () => {
      await a.server.close();
      await stopChildren();
    },
  };
}

/** The relay front's certificate, made with the openssl command (as the e2e tests make theirs). */
function throwawayCertificate(): ReturnType<typeof testTlsIdentity> {
  try {
    return testTlsIdentity();
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? 'the demo needs the openssl command to make the throwaway certificate of the relay\'s https front (Debian/Ubuntu: apt-get install openssl)'
        : `openssl could not make the relay front's throwaway certificate: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** A signed, empty cancel request: a relay with the route refuses the body (400); one without has no route (404). Nothing reaches FedEx. */
async function hasCancelRoute(relay: RelayProcess, secret: string, nowMs: number): Promise<boolean> {
  const body = '{}';
  const res = await fetch(`${relay.directUrl}${RELAY_PATHS.cancelShipment}`, { method: 'POST', body, headers: signedHeaders(secret, 'POST', RELAY_PATHS.cancelShipment, body, { nowMs }) });
  const text = await res.text();
  return !(res.status === 404 && /No route/i.test(text));
}
