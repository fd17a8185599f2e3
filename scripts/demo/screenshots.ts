// The admin console's screenshots (`--screenshots <dir>`; `npm run screenshots` writes README's
// pictures into docs/): headless Chromium logs in to the demo's account as its connector admin and
// photographs the console (customscript_mlfx_sl_console) with the demo's real data: the failures
// waiting for the admin (before the fixes), then after the run the overview after Test Connection
// and the audit trails of a replayed and a voided Shipment. Without Chromium nothing is taken and
// the outcome says why; the demo still succeeds.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROLES, SCRIPTS } from '../../shared/src/ids';
import { findChromium, launchChromium } from '../../test/support/chromium';
import type { DemoAccount } from './account';
import type { Progress } from './progress';

/** One picture: what the admin opens, and the file it goes to. */
export type ConsoleView =
  /** The top of the console down to Needs Attention: the failures, their reasons, Replay. */
  | { kind: 'attention'; file: string }
  /** The whole console after Test Connection: connection, counts, Needs Attention, Recent Shipments. */
  | { kind: 'overview'; file: string }
  /** The console's Audit Trail of one Shipment; `what` says what happened to it. */
  | { kind: 'audit'; file: string; shipment: number; what: string };

export interface ScreenshotRequest {
  /** Where to write the PNG files. */
  dir: string;
  /** The demo's account, listening over HTTP (server.origin), with its admin's employee record. */
  account: DemoAccount;
  views: ConsoleView[];
  progress: Progress;
  /** Where CHROMIUM_PATH is read (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface Screenshot {
  /** The PNG's path (`dir` joined with its file name). */
  file: string;
  /** What it shows. */
  shows: string;
}

export interface ScreenshotOutcome {
  dir: string;
  files: Screenshot[];
  /** Why fewer pictures than the demo's full set (no Chromium, no voided shipment). */
  note?: string;
  /** Set when taking them broke with Chromium present: the message (the demo then reports not ok). */
  error?: string;
}

/** A loaded 2-core machine can take seconds per page: each view runs the Suitelet's searches. */
const PAGE_MS = 60_000;
const WIDTH = 1360;

const header = (page: Page) => page.locator('h1.uir-record-type', { hasText: 'FedEx Connector' });

/** Takes `views` in one browser session; never throws (a failure is the outcome's `error`). */
export async function takeConsoleScreenshots(request: ScreenshotRequest): Promise<ScreenshotOutcome> {
  const { dir, account: a, progress } = request;
  const chromium = findChromium(request.env);
  if (!chromium.found) return { dir, files: [], note: `no screenshots taken: ${chromium.reason}` };

  const files: Screenshot[] = [];
  const consoleUrl = (params?: Record<string, unknown>) => a.server.scriptUrl(SCRIPTS.consoleSuitelet.scriptId, SCRIPTS.consoleSuitelet.deploymentId, params);
  const session = a.server.login({ entity: a.adminEmployee, role: ROLES.admin });
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    mkdirSync(dir, { recursive: true });
    browser = await launchChromium({ executablePath: chromium.path, timeoutMs: PAGE_MS, login: { origin: a.server.origin, name: session.name, value: session.value }, viewport: { width: WIDTH, height: 900 } });
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const save = async (name: string, shows: string, shoot: (path: string) => Promise<unknown>) => {
      const file = join(dir, name);
      await shoot(file);
      files.push({ file, shows });
      progress.step(`${file}: ${shows}`);
    };
    for (const view of request.views) {
      if (view.kind === 'attention') {
        await page.goto(consoleUrl());
        const pane = page.locator('#custpage_tab_attention_pane');
        await pane.waitFor();
        const box = await pane.boundingBox();
        if (!box) throw new Error('the Needs Attention list is not on the page');
        const rows = await pane.locator('tr.uir-machine-row').count();
        await save(view.file, `the console before the admin's fixes: ${rows} shipment(s) in Needs Attention with their reasons and Replay`, (path) =>
          page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width: WIDTH, height: Math.ceil(box.y + box.height + 16) } }),
        );
      } else if (view.kind === 'overview') {
        // As the admin sees it after checking the connection (a signed round trip to the relay).
        await page.goto(consoleUrl());
        await header(page).waitFor();
        await page.locator('#submitter').click();
        await page.waitForLoadState('load');
        await header(page).waitFor();
        const verdict = (await page.locator('[id^="div__alert"] .title').allTextContents()).join('; ') || 'no message';
        await save(view.file, `the console's overview after Test Connection (${verdict}): counts by status, Needs Attention, Recent Shipments`, (path) => page.screenshot({ path, fullPage: true }));
      } else {
        await page.goto(consoleUrl({ shipment: view.shipment }));
        const pane = page.locator('#custpage_tab_audit_pane');
        await pane.waitFor();
        const title = (await page.locator('#custpage_tab_audittxt').textContent())?.replace(/^Audit Trail:\s*/, '') ?? `Shipment ${view.shipment}`;
        await save(view.file, `the audit trail of ${title}, ${view.what}`, (path) => pane.screenshot({ path }));
      }
    }
  } catch (error) {
    return { dir, files, error: `the console's screenshots broke: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await browser?.close();
    a.server.logout(session.value);
  }
  return { dir, files };
}

/** Several sessions' outcomes as one: every file, every note, every error. */
export function mergeOutcomes(first: ScreenshotOutcome, ...more: ScreenshotOutcome[]): ScreenshotOutcome {
  const all = [first, ...more];
  const note = all.map((o) => o.note).filter(Boolean).join('; ');
  const error = all.map((o) => o.error).filter(Boolean).join('; ');
  return { dir: first.dir, files: all.flatMap((o) => o.files), ...(note ? { note } : {}), ...(error ? { error } : {}) };
}
