// `npm run demo [-- --json] [-- --batch N] [-- --screenshots DIR] [-- --no-build]`
// Builds the SuiteScripts and the relay (output on stderr), runs the demo (progress on stderr), and
// prints the report on stdout: a table, or with --json ONE JSON object. Exits 0 when every scenario
// ended as expected, 1 when one did not, 2 on bad arguments or a failed build.
import { parseArgs } from 'node:util';
import { stderrProgress } from './progress';
import { runDemo } from './run';
import { build, buildIsCurrent } from './build';
import { stopChildren } from './stand-ins';
import { renderText } from './summary';

const USAGE = `Usage: npm run demo -- [--json] [--batch N] [--screenshots DIR] [--no-build]
  --json              print the report as one JSON object on stdout (use npm run -s demo -- --json:
                      npm itself prints a banner line on stdout without -s)
  --batch N           fulfillments in the CSV import (default 200; 5 against FedEx's sandbox; at
                      most 1000: NetSuite's clock stands still during one Map/Reduce run while the
                      relay's runs on, and the relay refuses signatures over 5 minutes old)
  --screenshots DIR   screenshots of the admin console into DIR (when the console is in the build)
  --no-build          never build (by default the demo runs npm run build when a source is
                      newer than the build)
FedEx's sandbox instead of the FedEx double: set FEDEX_BASE_URL, FEDEX_CLIENT_ID, FEDEX_CLIENT_SECRET
and FEDEX_ACCOUNT_NUMBER.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: { json: { type: 'boolean', default: false }, batch: { type: 'string' }, screenshots: { type: 'string' }, 'no-build': { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
    strict: true,
  }).values;
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const batch = args.batch === undefined ? undefined : Number(args.batch);
if (batch !== undefined && (!Number.isInteger(batch) || batch < 1 || batch > 1000)) fail(`--batch must be a whole number from 1 to 1000, got ${args.batch}`);

// Interrupted: stop the children (relay, FedEx double, TLS front) before leaving.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopChildren().then(() => process.exit(130));
  });
}

const startedAt = Date.now();
if (!args['no-build']) {
  if (buildIsCurrent()) process.stderr.write('[demo] the build is newer than its sources: not building again\n');
  else {
    process.stderr.write('[demo] npm run build (SuiteScripts to AMD, relay bundle)\n');
    if (!build()) fail('the build failed: see above');
  }
}

const report = await runDemo({ ...(batch !== undefined ? { batch } : {}), ...(args.screenshots ? { screenshots: args.screenshots } : {}), progress: stderrProgress(startedAt) });
const wallTimeMs = Date.now() - startedAt;
process.stdout.write(args.json ? `${JSON.stringify({ ...report, wallTimeMs })}\n` : `${renderText({ ...report, wallTimeMs })}\n`);
process.exitCode = report.ok ? 0 : 1;
