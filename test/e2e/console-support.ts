// The admin console's scenarios: an account with shipments made through the real stack (shipped,
// multi-package, a home delivery, one FedEx kept refusing with 429s until its attempts ran out,
// one with an unmapped ship method, one with a phone FedEx cannot take), its HTTP server, and
// people logged in with their roles. Plus a reader for the console's HTML (NetSuite's element ids).
import { SCRIPTS, SHIPMENT } from '../../shared/src/ids';
import type { AccountServer } from '../netsuite-double/http-server';
import { connectorAccount, type ConnectorAccount } from './connector-account';
import type { Stack } from './stack';

export const ADMIN_ROLE = 'customrole_mlfx_admin';
/** A role outside the console's audience. */
export const CLERK_ROLE = 'customrole_warehouse_clerk';

export interface ConsoleScenario {
  a: ConnectorAccount;
  server: AccountServer;
  /** Dana Dock, logged in with the FedEx Connector Administrator role. */
  admin: { cookie: string; name: string; value: string };
  consoleUrl: string;
  shipped: number[];
  /** Fulfillments whose Shipments ended FAILED: FedEx rate limited (Replay ships it), unmapped ship method, bad phone. */
  rateLimited: number;
  unmapped: number;
  badPhone: number;
}

export async function consoleScenario(stack: Stack): Promise<ConsoleScenario> {
  const a = connectorAccount(stack);
  const dana = a.ns.seed('employee', { fields: { entityid: 'Dana Dock', firstname: 'Dana', lastname: 'Dock', email: 'dana@acme.example' } });
  const invoiced = a.salesOrder();
  a.ns.ui.bill(invoiced);
  const shipped = [a.shipOrder(invoiced, [4.5]), a.shipOrder(a.salesOrder({ shipmethod: a.ids.fedex2Day }), [2, 3.5]), a.shipOrder(a.salesOrder({ customer: a.ids.personCustomer, residential: true }), [1.2])];
  // FedEx keeps answering 429 until the only attempt allowed is used up: FAILED, nothing created.
  a.updateSettings({ maxAttempts: 1 });
  await stack.control('POST', 'faults', { burst429: { count: 1000, scope: 'ship' } });
  const rateLimited = a.shipOrder(a.salesOrder());
  await stack.control('POST', 'faults', { clear: true });
  const unmapped = a.shipOrder(a.salesOrder({ shipmethod: a.ids.fedexUnmapped }));
  const badPhone = a.shipOrder(a.salesOrder({ address: { addrphone: '555-0123' } }));
  const server = await a.ns.listen();
  return {
    a,
    server,
    admin: server.login({ entity: dana, role: ADMIN_ROLE }),
    consoleUrl: server.scriptUrl(SCRIPTS.consoleSuitelet.scriptId, SCRIPTS.consoleSuitelet.deploymentId),
    shipped,
    rateLimited,
    unmapped,
    badPhone,
  };
}

export function shipmentName(a: ConnectorAccount, fulfillmentId: number): string {
  return String(a.shipmentOf(fulfillmentId)?.fields.name);
}

export function shipmentStatus(a: ConnectorAccount, fulfillmentId: number): string {
  return String(a.shipmentOf(fulfillmentId)?.fields[SHIPMENT.fields.status]);
}

export interface Cell {
  text: string;
  href?: string;
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const textOf = (html: string) => decode(html.replace(/<br>/g, '\n').replace(/<[^>]+>/g, '')).trim();

/** The rows of a serverWidget sublist (table `<id>_splits`, rows `<id>row<n>`): field id (without the sublist prefix) → cell. */
export function sublistRows(html: string, sublistId: string): Record<string, Cell>[] {
  const rows: Record<string, Cell>[] = [];
  for (const row of html.matchAll(new RegExp(`<tr [^>]*id="${sublistId}row\\d+">(.*?)</tr>`, 'gs'))) {
    const cells: Record<string, Cell> = {};
    for (const td of row[1]!.matchAll(/<td class="listtext" data-label="([^"]+)">(.*?)<\/td>/gs)) {
      const href = /href="([^"]+)"/.exec(td[2]!)?.[1];
      cells[td[1]!.replace(`${sublistId}_`, '')] = { text: textOf(td[2]!), ...(href ? { href: decode(href) } : {}) };
    }
    rows.push(cells);
  }
  return rows;
}

/** A body field's shown value (`<id>_fs`). */
export function fieldText(html: string, fieldId: string): string | undefined {
  const m = new RegExp(`<span id="${fieldId}_fs" [^>]*>(.*?)</span></div>`, 's').exec(html);
  return m ? textOf(m[1]!) : undefined;
}

/** The page's messages (addPageInitMessage): type, title, text. */
export function pageMessages(html: string): { type: string; title: string; message: string }[] {
  return [...html.matchAll(/<div class="uir-alert-box [^"]*" id="div__alert\d*" role="status" data-type="([^"]+)"><div class="title">(.*?)<\/div><div class="descr">(.*?)<\/div><\/div>/gs)].map((m) => ({ type: m[1]!, title: textOf(m[2]!), message: textOf(m[3]!) }));
}
