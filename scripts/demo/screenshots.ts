// The admin console's screenshots (`--screenshots <dir>`; `npm run screenshots` writes README's
// pictures into docs/): after the demo ran, headless Chromium logs in to the demo's account as its
// connector admin and photographs the console (customscript_mlfx_sl_console) with the demo's real
// data: the overview after Test Connection, then the audit trails of a replayed and a voided
// Shipment. Without Chromium nothing is taken and the outcome says why; the demo still succeeds.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROLES, SCRIPTS } from '../../shared/src/ids';
import { findChromium, launchChromium } from '../../test/support/chromium';
import type { DemoAccount } from './account';
import type { Progress } from './progress';

export interface ScreenshotRequest {
  /** Where to write the PNG files. */
  dir: string;
  /** The demo's account, listening over HTTP (server.origin), with its admin's employee record. */
  account: DemoAccount;
  /** Shipment record ids worth a picture: one replayed after a failure, one voided. */
  shipments: { replayed?: number; voided?: number };
  progress: Progress;
  /** Where CHROMIUM_PATH is read (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface Screenshot {
  /** The PNG's path (as given in `dir`, joined with its file name). */
  file: string;
  /** What it shows. */
  shows: string;
}

export interface ScreenshotOutcome {
  dir: string;
  files: Screenshot[];
  /** Why fewer pictures than asked for (no Chromium, no voided shipment). */
  note?: string;
  /** Set when taking them broke with Chromium present: the message (the demo then reports not ok). */
  error?: string;
}

/** A loaded 2-core machine can take seconds per page: each view runs the Suitelet's searches. */
const PAGE_MS = 60_000;

const header = (page: Page) => page.locator('h1.uir-record-type', { hasText: 'FedEx Connector' });

export async function takeConsoleScreenshots(request: ScreenshotRequest): Promise<ScreenshotOutcome> {
  const { dir, account: a, shipments, progress } = request;
  const chromium = findChromium(request.env);
  if (!chromium.found) return { dir, files: [], note: `no screenshots taken: ${chromium.reason}` };

  mkdirSync(dir, { recursive: true });
  const files: Screenshot[] = [];
  const notes: string[] = [];
  const consoleUrl = (params?: Record<string, unknown>) => a.server.scriptUrl(SCRIPTS.consoleSuitelet.scriptId, SCRIPTS.consoleSuitelet.deploymentId, params);
  const session = a.server.login({ entity: a.adminEmployee, role: ROLES.admin });
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    browser = await launchChromium({ executablePath: chromium.path, timeoutMs: PAGE_MS, login: { origin: a.server.origin, name: session.name, value: session.value }, viewport: { width: 1360, height: 900 } });
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const save = async (name: string, shows: string, shoot: (path: string) => Promise<unknown>) => {
      const file = join(dir, name);
      await shoot(file);
      files.push({ file, shows });
      progress.step(`${file}: ${shows}`);
    };

    // The overview, as the admin sees it after checking the connection (a signed round trip to the relay).
    await page.goto(consoleUrl());
    await header(page).waitFor();
    await page.locator('#submitter').click();
    await page.waitForLoadState('load');
    await header(page).waitFor();
    const verdict = (await page.locator('[id^="div__alert"] .title').allTextContents()).join('; ') || 'no message';
    await save('console.png', `the console's overview after Test Connection (${verdict}): counts by status, Needs Attention, Recent Shipments`, (path) => page.screenshot({ path, fullPage: true }));

    // An audit trail: the console's own view of one Shipment's Audit records, newest first.
    const auditTrail = async (id: number, name: string, what: string) => {
      await page.goto(consoleUrl({ shipment: id }));
      const pane = page.locator('#custpage_tab_audit_pane');
      await pane.waitFor();
      const title = (await page.locator('#custpage_tab_audittxt').textContent())?.replace(/^Audit Trail:\s*/, '') ?? `Shipment ${id}`;
      await save(name, `the audit trail of ${title}, ${what}`, (path) => pane.screenshot({ path }));
    };
    if (shipments.replayed !== undefined) await auditTrail(shipments.replayed, 'console-audit-replayed.png', 'failed on a phone FedEx refused, replayed by the admin after the fix');
    else notes.push('no replayed shipment in this run: its audit trail was not taken');
    if (shipments.voided !== undefined) await auditTrail(shipments.voided, 'console-audit-voided.png', 'voided by the admin');
    else notes.push('no voided shipment in this run (the void was skipped): its audit trail was not taken');
  } catch (error) {
    return { dir, files, ...(notes.length ? { note: notes.join('; ') } : {}), error: `the console's screenshots broke: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await browser?.close();
    a.server.logout(session.value);
  }
  return { dir, files, ...(notes.length ? { note: notes.join('; ') } : {}) };
}
