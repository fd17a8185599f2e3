// `npm run demo`: the relay against a local FedEx double, for trying the connector without FedEx
// credentials. Starts the FedEx double (real clock) and the built relay with demo settings, then
// creates one shipment through the relay exactly as the SuiteApp would (signed request).
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const secret = randomBytes(32).toString('hex');
const relayPort = Number(process.env.PORT ?? 8787);
const children = [];
const stopAll = () => children.forEach((c) => c.kill('SIGTERM'));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopAll();
    process.exit(0);
  });
}
process.on('exit', stopAll);

function start(command, args, env = {}) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return child;
}

const fedex = start(process.execPath, ['--import', 'tsx', 'test/fedex-double/server.ts', '--port', '0', '--clock', 'real']);
const fedexUrl = await new Promise((ok) => {
  createInterface({ input: fedex.stdout }).on('line', (line) => {
    const m = /^FEDEX_DOUBLE_URL=(\S+)/.exec(line);
    if (m) ok(m[1]);
  });
});
const relay = start(process.execPath, ['relay/dist/index.js'], {
  FEDEX_BASE_URL: fedexUrl,
  FEDEX_CLIENT_ID: 'fedex-double-client-id',
  FEDEX_CLIENT_SECRET: 'fedex-double-client-secret',
  FEDEX_ACCOUNT_NUMBER: '740561073',
  RELAY_SHARED_SECRET: secret,
  PORT: String(relayPort),
  HOST: '127.0.0.1',
});
relay.stdout.pipe(process.stdout);
await new Promise((ok) => createInterface({ input: relay.stdout }).on('line', (l) => l.includes('relay.listening') && ok()));

const body = JSON.stringify({
  idempotencyKey: `DEMO-${Date.now()}`,
  source: { fulfillmentId: '1', fulfillmentTranId: 'IF1', salesOrderId: '1', salesOrderTranId: 'SO1' },
  serviceType: 'FEDEX_GROUND',
  packagingType: 'YOUR_PACKAGING',
  pickupType: 'USE_SCHEDULED_PICKUP',
  shipDate: new Date().toISOString().slice(0, 10),
  label: { imageType: 'PDF', stockType: 'PAPER_4X6' },
  shipper: { contact: { companyName: 'Demo Warehouse', phoneNumber: '615-555-0199' }, address: { streetLines: ['50 Depot Rd'], city: 'Nashville', stateOrProvinceCode: 'TN', postalCode: '37210', countryCode: 'US' } },
  recipient: { contact: { personName: 'Ann Lee', phoneNumber: '901-555-0100' }, address: { streetLines: ['3875 Airways Blvd'], city: 'Memphis', stateOrProvinceCode: 'TN', postalCode: '38116', countryCode: 'US', residential: true } },
  packages: [{ weight: { units: 'LB', value: 4.5 } }],
  items: [{ item: 'WIDGET-1', quantity: 3 }],
});
const timestamp = String(Math.floor(Date.now() / 1000));
const nonce = randomBytes(12).toString('hex');
const signature = createHmac('sha256', secret).update(['v1', timestamp, nonce, 'POST', '/v1/shipments', body].join('\n')).digest('hex');
const res = await fetch(`http://127.0.0.1:${relayPort}/v1/shipments`, {
  method: 'POST',
  body,
  headers: { 'content-type': 'application/json', 'x-mlfx-timestamp': timestamp, 'x-mlfx-nonce': nonce, 'x-mlfx-signature': `v1=${signature}` },
});
const answer = await res.json();
console.log(`\nDemo shipment: HTTP ${res.status}, tracking ${answer.masterTrackingNumber ?? JSON.stringify(answer)}`);
console.log(`Relay: http://127.0.0.1:${relayPort} (FedEx double at ${fedexUrl}). Ctrl-C to stop.`);
