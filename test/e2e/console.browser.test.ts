// Issue 10, the admin's console in a real browser: headless Chromium (Debian's `chromium`, driven
// by playwright-core; .ci/run installs it) logged in to the NetSuite double as the connector's
// admin opens the console with shipments made through the real stack, runs Test Connection,
// clicks Replay on a failed shipment, confirms, comes back and sees it CREATED; the page is
// saved as a screenshot (test-results/console.png; with UPDATE_SCREENSHOTS=1 also docs/console.png,
// the README's picture). A role outside the console's audience is refused.
// Every step waits for a state on the page, never for a time: the machine may be slow.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { SHIPMENT } from '../../shared/src/ids';
import { CLERK_ROLE, consoleScenario, shipmentName, shipmentStatus } from './console-support';
import { liveLabels } from './lifecycle-support';
import { useStack } from './stack';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI) throw new Error(`Chromium is not installed at ${CHROMIUM} (CI installs Debian's chromium package in .ci/run)`);
if (!hasChromium) console.warn(`console.browser.test.ts skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

const REPO = resolve(import.meta.dirname, '../..');
/** Generous: a loaded 2-core machine can take seconds per page (each runs SuiteScripts and calls the relay). */
const STEP_MS = 60_000;

// FedEx's day as NetSuite's (the double's dates are this process's, UTC in CI): the relay's lookups by
// reference otherwise meet TRACKING.SHIPDATEEND.FUTURE between 00:00 and 05:00 UTC.
const stack = useStack({ fedexUtcOffset: '+00:00' });
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh headless Chromium (its own profile, nothing from the network) logged in with `cookie`. */
async function browser(origin: string, cookie: { name: string; value: string }): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'mlfx-chromium-'));
  cleanups.push(() => rmSync(profile, { recursive: true, force: true }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1360, height: 900 },
    timeout: STEP_MS,
  });
  cleanups.push(() => context.close());
  context.setDefaultTimeout(STEP_MS);
  context.setDefaultNavigationTimeout(STEP_MS);
  await context.addCookies([{ name: cookie.name, value: cookie.value, url: origin }]);
  return context;
}

describe.skipIf(!hasChromium)('the console in a browser', () => {
  it(
    'the admin tests the connection, replays a failed shipment and sees it CREATED',
    async () => {
      const s = await consoleScenario(stack());
      cleanups.push(() => s.server.close());
      const failed = shipmentName(s.a, s.rateLimited);
      const context = await browser(s.server.origin, s.admin);
      const page = context.pages()[0] ?? (await context.newPage());

      await page.goto(s.consoleUrl);
      await page.locator('h1.uir-record-type', { hasText: 'FedEx Connector' }).waitFor();
      await page.locator('#div__user', { hasText: 'Dana Dock — FedEx Connector Administrator' }).waitFor();

      // Test Connection: the form posts back; the page answers with the signed round trip's verdict.
      await page.locator('#submitter').click();
      await page.locator('#div__alert', { hasText: 'Connection works' }).waitFor();

      // The failed shipment is in Needs Attention, with its reason and a Replay link.
      const row = page.locator('#custpage_attention_splits tr.uir-machine-row', { hasText: failed });
      await expect(row.locator('td[data-label="custpage_attention_status"]').textContent()).resolves.toBe('FAILED');
      await expect(row.locator('td[data-label="custpage_attention_reason"]').textContent()).resolves.toMatch(/FedEx kept answering 429/);
      await row.getByRole('link', { name: 'Replay', exact: true }).click();

      // The action page says what will happen and waits for the confirmation.
      await page.getByRole('heading', { name: 'Replay Shipment' }).waitFor();
      expect(shipmentStatus(s.a, s.rateLimited)).toBe('FAILED'); // opening the page changed nothing
      await page.getByRole('button', { name: 'Replay Shipment' }).click();
      await page.getByText('Shipped: FedEx').waitFor();
      await page.getByRole('link', { name: 'Back to the FedEx Connector console' }).click();

      // Back on the console: CREATED in the recent list, gone from Needs Attention, one live label at FedEx.
      await page.locator('h1.uir-record-type', { hasText: 'FedEx Connector' }).waitFor();
      const recent = page.locator('#custpage_recent_splits tr.uir-machine-row', { hasText: failed });
      await expect(recent.locator('td[data-label="custpage_recent_status"]').textContent()).resolves.toBe('CREATED');
      await expect(recent.locator('td[data-label="custpage_recent_tracking"]').textContent()).resolves.toBe(String(s.a.shipmentOf(s.rateLimited)!.fields[SHIPMENT.fields.masterTrackingNumber]));
      await expect(page.locator('#custpage_attention_splits tr.uir-machine-row', { hasText: failed }).count()).resolves.toBe(0);
      await page.locator('#custpage_tab_attentiontxt', { hasText: 'Needs Attention (2)' }).waitFor();
      expect(shipmentStatus(s.a, s.rateLimited)).toBe('CREATED');
      expect(await liveLabels(stack(), s.a, s.rateLimited)).toHaveLength(1);

      // The admin's view, with real data, for the README.
      await page.locator('#submitter').click();
      await page.locator('#div__alert', { hasText: 'Connection works' }).waitFor();
      mkdirSync(join(REPO, 'test-results'), { recursive: true });
      const shot = await page.screenshot({ path: join(REPO, 'test-results/console.png'), fullPage: true });
      expect(shot.length).toBeGreaterThan(10_000);
      if (process.env.UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: join(REPO, 'docs/console.png'), fullPage: true });
    },
    6 * STEP_MS,
  );

  it(
    'a role outside the console’s audience is refused',
    async () => {
      const s = await consoleScenario(stack());
      cleanups.push(() => s.server.close());
      const context = await browser(s.server.origin, s.server.login({ role: CLERK_ROLE }));
      const page = context.pages()[0] ?? (await context.newPage());
      const response = await page.goto(s.consoleUrl);
      expect(response?.status()).toBe(400);
      await page.getByText('INSUFFICIENT_PERMISSION').waitFor();
      await expect(page.locator('h1.uir-record-type').count()).resolves.toBe(0);
    },
    4 * STEP_MS,
  );
});
