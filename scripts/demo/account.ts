// The demo's NetSuite account: the NetSuite double with the SuiteApp deployed through deploy.xml
// (objects, files, then the installation script, as `suitecloud project:deploy` does), set up as
// README's "Setting up NetSuite" tells an administrator (test/e2e/connector-account.ts), plus a
// retailer's master data for the scenarios, the integration record the relay logs in with for
// webhooks (OAuth 2.0 M2M, certificate mapped to the connector's integration role) and the
// account's HTTP server (RESTlets for the relay, Suitelets for the admin's browser).
import { randomBytes } from 'node:crypto';
import { exportPKCS8, generateKeyPair } from 'jose';
import { ROLES, SCRIPTS, SERVICE_MAP } from '../../shared/src/ids';
import { connectorAccount, type ConnectorAccount } from '../../test/e2e/connector-account';
import type { AccountServer, InboundRequest } from '../../test/netsuite-double/http-server';

export interface Address {
  addressee: string;
  attention?: string;
  addr1: string;
  addr2?: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  addrphone: string;
}

/** Business customers in the batch, each at its receiving dock (real city, state and ZIP: FedEx checks they fit). */
export const BUSINESS_CUSTOMERS: { name: string; address: Address }[] = [
  { name: 'Acme Retail', address: { addressee: 'Acme Retail', attention: 'Receiving Dock 4', addr1: '3875 Airways Blvd', addr2: 'Module H', city: 'Memphis', state: 'TN', zip: '38116', country: 'US', addrphone: '901-555-0100' } },
  { name: 'Bluegrass Outfitters', address: { addressee: 'Bluegrass Outfitters', attention: 'Receiving', addr1: '200 W Vine St', city: 'Lexington', state: 'KY', zip: '40507', country: 'US', addrphone: '859-555-0142' } },
  { name: 'Lone Star Supply', address: { addressee: 'Lone Star Supply', attention: 'Dock 2', addr1: '1500 Marilla St', city: 'Dallas', state: 'TX', zip: '75201', country: 'US', addrphone: '214-555-0187' } },
  { name: 'Peachtree Home Goods', address: { addressee: 'Peachtree Home Goods', addr1: '55 Trinity Ave SW', city: 'Atlanta', state: 'GA', zip: '30303', country: 'US', addrphone: '404-555-0110' } },
  { name: 'Rocky Mountain Gear', address: { addressee: 'Rocky Mountain Gear', attention: 'Receiving', addr1: '1437 Bannock St', city: 'Denver', state: 'CO', zip: '80202', country: 'US', addrphone: '303-555-0164' } },
  { name: 'Harbor Books', address: { addressee: 'Harbor Books', addr1: '1 City Hall Sq', city: 'Boston', state: 'MA', zip: '02201', country: 'US', addrphone: '617-555-0133' } },
  { name: 'Cascade Coffee', address: { addressee: 'Cascade Coffee', attention: 'Back door', addr1: '600 4th Ave', city: 'Seattle', state: 'WA', zip: '98104', country: 'US', addrphone: '206-555-0199' } },
  { name: 'Prairie Tools', address: { addressee: 'Prairie Tools', addr1: '121 N LaSalle St', city: 'Chicago', state: 'IL', zip: '60602', country: 'US', addrphone: '312-555-0175' } },
];

/** A person at home (residential delivery). */
export const HOME_ADDRESS: Address = { addressee: 'Ann Lee', addr1: '2217 Union Ave', city: 'Memphis', state: 'TN', zip: '38104', country: 'US', addrphone: '901-555-0166' };
/** A business in Canada (international: customs from the order and the item records). */
export const OTTAWA: Address = { addressee: 'Maple Goods Ltd', attention: 'Receiving', addr1: '150 Elgin St', city: 'Ottawa', state: 'ON', zip: 'K2P 1L4', country: 'CA', addrphone: '613-555-0100' };

/** Who runs the connector in the demo: a person with the FedEx Connector Administrator role. */
export const CONNECTOR_ADMIN = { id: 7, name: 'Dana Dock', role: 1001, roleId: ROLES.admin };

export interface DemoAccount extends ConnectorAccount {
  server: AccountServer;
  /** What the admin's browser session sends (the double's stand-in for a NetSuite login). */
  adminAuthorization: string;
  /** The status RESTlet's external URL and the M2M credentials the relay is configured with. */
  relayNetSuiteEnv: Record<string, string>;
  customers: { business: number[]; canada: number; intlItems: number[]; currency: number; intlPriority: number };
}

/**
 * `relayUrl`: the relay's https URL the administrator enters in the settings. The Global FedEx
 * Account Number is left empty: the demo's first scenario is a shipment made before the
 * administrator filled it in.
 */
export async function createDemoAccount(options: { relayUrl: string; relaySecret: string; start?: number }): Promise<DemoAccount> {
  const base = connectorAccount({ relayUrl: options.relayUrl }, { globalAccount: null, relaySecret: options.relaySecret });
  const { ns } = base;
  // N/https trusts exactly the throwaway certificate of the relay's https front (test/support/test-tls.ts).
  // The account clock: the demo's accelerated one (else real time, against FedEx's sandbox).
  if (options.start !== undefined) ns.clock.set(options.start);

  const business = BUSINESS_CUSTOMERS.map((c, i) =>
    i === 0 ? base.ids.customer : ns.seed('customer', { fields: { companyname: c.name, email: `shipping@${c.name.toLowerCase().replace(/[^a-z]+/g, '')}.example`, phone: c.address.addrphone, subsidiary: base.ids.subsidiary } }),
  );
  const canada = ns.seed('customer', { fields: { companyname: 'Maple Goods Ltd', email: 'orders@maplegoods.example', phone: '613-555-0100', subsidiary: base.ids.subsidiary } });
  const currency = ns.find('currency', (c) => c.fields.symbol === 'USD')[0]?.id ?? ns.seed('currency', { fields: { name: 'US Dollar', symbol: 'USD', displaysymbol: '$', isbasecurrency: true, exchangerate: 1 } });
  // Customs needs each item's country of manufacture (and, for duty estimates, its HS number).
  const intlItems = [
    ns.seed('inventoryitem', { fields: { itemid: 'WIDGET-CA-1', displayname: 'Blue widget (export)', countryofmanufacture: 'US', manufacturertariff: '8471.30.01', weight: 1.5, weightunit: '1' } }),
    ns.seed('inventoryitem', { fields: { itemid: 'GADGET-CA-7', displayname: 'Red gadget (export)', countryofmanufacture: 'CN', weight: 0.5, weightunit: '1' } }),
  ];
  const F = SERVICE_MAP.fields;
  ns.ui.create(SERVICE_MAP.type, { fields: { name: 'FedEx International Priority', [F.shipItem]: base.ids.fedexUnmapped, [F.serviceType]: 'FEDEX_INTERNATIONAL_PRIORITY' } });

  // Webhooks: an integration record with OAuth 2.0 client credentials, its certificate mapped to an
  // employee with the FedEx Connector Integration role (README, "Setting up NetSuite", step 8).
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const certificateId = `demo-cert-${randomBytes(4).toString('hex')}`;
  ns.auth.registerIntegration({ clientId: 'mlfx-relay-demo', certificateId, publicKey, algorithms: ['ES256'], scopes: ['restlets'], entity: 'FedEx relay (integration user)', role: ROLES.integration });
  const adminAuthorization = `Bearer demo-admin-session-${randomBytes(12).toString('hex')}`;
  const restlets = ns.auth.authenticator();
  // The RESTlet takes the relay's M2M tokens; the admin's browser session opens Suitelets.
  const server = await ns.listen({ authenticate: (request: InboundRequest) => (request.headers.authorization === adminAuthorization ? { ok: true } : restlets(request)) });
  const relayNetSuiteEnv = {
    NETSUITE_ACCOUNT_ID: base.accountId,
    NETSUITE_RESTLET_URL: server.scriptUrl(SCRIPTS.statusRestlet.scriptId, SCRIPTS.statusRestlet.deploymentId),
    NETSUITE_AUTH: 'm2m',
    NETSUITE_CLIENT_ID: 'mlfx-relay-demo',
    NETSUITE_CERTIFICATE_ID: certificateId,
    NETSUITE_PRIVATE_KEY: await exportPKCS8(privateKey),
    NETSUITE_JWT_ALG: 'ES256',
    NETSUITE_TOKEN_URL: ns.auth.tokenUrl(),
  };
  return { ...base, server, adminAuthorization, relayNetSuiteEnv, customers: { business, canada, intlItems, currency, intlPriority: base.ids.fedexUnmapped } };
}
