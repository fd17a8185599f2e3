// `npm run demo`: the whole connector on embedded stand-ins, phase by phase, ending with a report
// of every scenario (expected and actual outcome) and the figures. runDemo never throws for a
// scenario that went wrong: the report says so (ok false), and the CLI exits non-zero.
import { HOUR } from './clock';
import type { Progress } from './progress';
import { csvBatch, fixReplayAndVoid, goLive, newState, reconcileLostAnswer, ScenarioBook, scenarioCatalog, shipFromUi, trackUntilDelivered, type ScenarioResult } from './scenarios';
import { mergeOutcomes, takeConsoleScreenshots, type ConsoleView, type ScreenshotOutcome } from './screenshots';
import { startDemo, type Demo } from './setup';
import { auditTrailGuide, collectSummary, type AuditTrailGuide, type DemoSummary } from './summary';

export interface DemoOptions {
  /** Fulfillments in the CSV import (default 200; against FedEx's sandbox, 5). */
  batch?: number;
  /** Where the admin console's screenshots go (see screenshots.ts). */
  screenshots?: string;
  /** FEDEX_* variables pointing at FedEx's sandbox switch the relay to it. */
  env?: NodeJS.ProcessEnv;
  progress: Progress;
}

export interface DemoReport {
  ok: boolean;
  /** "FedEx double" or "FedEx sandbox (…)". */
  mode: string;
  wallTimeMs: number;
  batch: number;
  /** The accelerated clock: where it started and ended (account time), and how much time that is. */
  clock?: { start: string; end: string; simulatedHours: number };
  simulated: string;
  scenarios: ScenarioResult[];
  summary?: DemoSummary;
  auditTrail?: AuditTrailGuide;
  screenshots?: ScreenshotOutcome;
  /** Set when the demo itself broke (not a scenario's outcome): the message. */
  error?: string;
  notes: string[];
}

export const DEFAULT_BATCH = 200;
const SANDBOX_BATCH = 5;

export async function runDemo(options: DemoOptions): Promise<DemoReport> {
  const startedAt = Date.now();
  const env = options.env ?? process.env;
  const sandbox = Boolean(env.FEDEX_BASE_URL);
  const batch = options.batch ?? (sandbox ? SANDBOX_BATCH : DEFAULT_BATCH);
  const book = new ScenarioBook(scenarioCatalog(batch));
  const state = newState(book);
  const notes: string[] = [];
  const { progress } = options;
  let demo: Demo | undefined;
  let error: string | undefined;
  let summary: DemoSummary | undefined;
  let auditTrail: AuditTrailGuide | undefined;
  let screenshots: ScreenshotOutcome | undefined;
  try {
    progress.phase('Starting: FedEx, the relay behind https, a NetSuite account with the SuiteApp deployed');
    demo = await startDemo(env, progress);
    const d = demo;
    if (!d.clock.accelerated) notes.push(`FedEx sandbox mode (${d.target.url}): real time throughout; no fault injection, webhook or tracking (the sandbox cannot track what it created: use FedEx's mock tracking numbers to try Track).`);
    if (!d.relayCancels) notes.push('The relay in this build has no cancel route (POST /v1/shipments/cancel): the void scenario was skipped.');

    const report = (outcome: ScreenshotOutcome) => {
      if (outcome.note) progress.step(outcome.note);
      if (outcome.error) progress.step(outcome.error);
    };
    const phase = async (title: string) => {
      await d.clock.catchUp();
      progress.phase(`${d.clock.label()} ${title}`);
    };
    await phase(`Go-live morning: the first shipment, before the admin filled in the FedEx account`);
    goLive(d, state, progress);
    await phase(`Shipping from the UI: one order each, shipped while the user saves`);
    await shipFromUi(d, state, progress);
    await phase(`Bulk: ${batch} fulfillments marked Shipped by CSV import, shipped by the shipping queue Map/Reduce`);
    await csvBatch(d, state, batch, progress);
    await phase(`NetSuite's scheduler runs the shipping queue every 15 minutes: the lost answer is reconciled`);
    await reconcileLostAnswer(d, state, progress);
    if (options.screenshots) {
      progress.phase(`Screenshot of the admin console: the failures waiting for the admin (into ${options.screenshots})`);
      screenshots = await takeConsoleScreenshots({ dir: options.screenshots, account: d.a, views: [{ kind: 'attention', file: 'console-needs-attention.png' }], progress, env });
      report(screenshots);
    }
    await phase(`The connector's admin fixes and replays the failures, and voids a shipment (in the browser)`);
    await fixReplayAndVoid(d, state, progress);
    await phase(`Tracking: the poll (every 15 minutes, its deployment's schedule) on the accelerated clock (FedEx's, NetSuite's and the relay's), one webhook`);
    await trackUntilDelivered(d, state, progress);
    // Chromium missing: the first outcome already says so, once.
    if (options.screenshots && screenshots && (screenshots.files.length || screenshots.error)) {
      progress.phase(`Screenshots of the admin console after the run (into ${options.screenshots})`);
      const replayed = state.noAccount && d.a.shipmentOf(state.noAccount.f)?.id;
      const voided = state.voided && d.a.shipmentOf(state.voided.f)?.id;
      const views: ConsoleView[] = [{ kind: 'overview', file: 'console.png' }];
      const missing: string[] = [];
      if (replayed) views.push({ kind: 'audit', file: 'console-audit-replayed.png', shipment: replayed, what: 'failed for want of a FedEx account number, replayed by the admin once the settings had one' });
      else missing.push('no replayed shipment in this run: its audit trail was not taken');
      if (voided) views.push({ kind: 'audit', file: 'console-audit-voided.png', shipment: voided, what: 'voided by the admin' });
      else missing.push('no voided shipment in this run (the void was skipped): its audit trail was not taken');
      const after = await takeConsoleScreenshots({ dir: options.screenshots, account: d.a, views, progress, env });
      report(after);
      screenshots = mergeOutcomes(screenshots, after, { dir: after.dir, files: [], ...(missing.length ? { note: missing.join('; ') } : {}) });
      for (const m of missing) progress.step(m);
    }
    progress.phase('Summary');
    summary = await collectSummary(d, state.schedule, state.uiUnits);
    auditTrail = auditTrailGuide(d);
  } catch (e) {
    error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    const relayStderr = demo?.relay.stderr().trim();
    if (relayStderr) error += `\nthe relay's stderr:\n${relayStderr.slice(-4000)}`;
    progress.step(`the demo broke: ${error}`);
  } finally {
    await demo?.stop();
  }
  const scenarios = book.all();
  const end = demo?.clock.now();
  const simulatedHours = demo && end !== undefined ? Math.round(((end - demo.clock.start) / HOUR) * 10) / 10 : 0;
  return {
    // Screenshots asked for and Chromium there, but they broke: not ok (no Chromium is only a note).
    ok: !error && !screenshots?.error && scenarios.every((s) => s.status !== 'failed'),
    mode: demo?.target.kind === 'sandbox' ? `FedEx sandbox (${demo.target.url})` : 'FedEx double',
    wallTimeMs: Date.now() - startedAt,
    batch,
    ...(demo && end !== undefined ? { clock: { start: new Date(demo.clock.start).toISOString(), end: new Date(end).toISOString(), simulatedHours } } : {}),
    simulated: simulatedHours >= 24 ? `${Math.floor(simulatedHours / 24)} d ${Math.round(simulatedHours % 24)} h` : `${simulatedHours} h`,
    scenarios,
    ...(summary ? { summary } : {}),
    ...(auditTrail ? { auditTrail } : {}),
    ...(screenshots ? { screenshots } : {}),
    ...(error ? { error } : {}),
    notes,
  };
}

