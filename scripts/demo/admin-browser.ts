// What the connector's administrator does in the browser on a FedEx Shipment record: open it (view
// mode: the deployed beforeLoad adds the Void / Replay buttons their role may use), click a button
// (it opens the Shipment action Suitelet, which says what will happen), then confirm (the POST that
// acts). Over the NetSuite double's HTTP server, as the admin's session.
import { SHIPMENT } from '../../shared/src/ids';
import type { DemoAccount } from './account';

export interface ActionOutcome {
  /** The button's label, e.g. "Replay Shipment"; undefined when the record offered no such button. */
  button: string | undefined;
  /** What the confirmation page said would happen. */
  effect: string;
  /** What the page said after the confirmation. */
  result: string;
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1]?.replace(/&amp;/g, '&');

/** Clicks the Shipment record's button whose label matches `label`, confirms, and reads the answer. */
export async function clickShipmentButton(a: DemoAccount, shipmentId: number, label: RegExp): Promise<ActionOutcome> {
  const button = a.ns.ui.view(SHIPMENT.type, shipmentId).buttons.find((b) => label.test(b.label));
  if (!button) return { button: undefined, effect: '', result: 'no such button on the record' };
  const target = /window\.location\.assign\((".*?")\)/.exec(button.functionName ?? '')?.[1];
  if (!target) throw new Error(`the ${button.label} button opens no page: ${button.functionName}`);
  const headers = { authorization: a.adminAuthorization };
  const page = await (await fetch(new URL(JSON.parse(target) as string, a.server.origin), { headers })).text();
  const form = /<form\b[^>]*method="POST"[^>]*>[\s\S]*?<\/form>/i.exec(page)?.[0];
  if (!form) return { button: button.label, effect: text(page), result: 'the page asked for no confirmation' };
  const fields = new URLSearchParams();
  for (const input of form.match(/<input\b[^>]*>/gi) ?? []) {
    const name = attr(input, 'name');
    if (name && /type="hidden"/i.test(input)) fields.set(name, attr(input, 'value') ?? '');
  }
  const action = attr(form, 'action') ?? '';
  const answer = await fetch(new URL(action, a.server.origin), {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
  });
  const effect = text(/<p>([\s\S]*?)<\/p>\s*<form/i.exec(page)?.[1] ?? '');
  return { button: button.label, effect, result: text((await answer.text()).replace(/<h1>[\s\S]*?<\/h1>/, '').replace(/<a\b[\s\S]*?<\/a>/g, '')) };
}
