// The benchmark runner: `npm run bench` prints tables; `npm run bench -- --json` prints one JSON
// object (the only thing on stdout; progress goes to stderr). Builds first, then runs each group in
// bench/groups/ (child processes: the built relay, the FedEx double, redis-server) one after another.
import { spawn, spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { REALISTIC_PDF_LABEL_BYTES } from '../test/fedex-double/labels';
import { GROUPS } from './groups/index';
import { meets, type BenchSettings, type Metric, type MetricValue } from './lib/group';
import { ROOT } from './lib/processes';

const HELP = `Usage: npm run bench -- [options]

  --json               print one JSON object (every figure by key, and "meta") instead of tables
  --only a,b           run only these groups; --skip a,b leaves them out (groups: ${GROUPS.map((g) => g.id).join(', ')})
  --latency-ms N       FedEx double's delay per create, ms (default 1000)
  --label-bytes N      bytes per PDF label from the FedEx double (default ${REALISTIC_PDF_LABEL_BYTES})
  --quick              smaller runs, for development (figures not comparable to full runs)
  --relay-node-options=S   NODE_OPTIONS for the relay processes, e.g. --relay-node-options=--max-old-space-size=64 (default none)
  --no-build           use the relay and SuiteScripts as last built
  --vitest             afterwards, also run the micro-benchmarks bench/*.bench.ts (vitest bench)
  -h, --help`;

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
    skip: { type: 'string' },
    'latency-ms': { type: 'string', default: '1000' },
    'label-bytes': { type: 'string', default: String(REALISTIC_PDF_LABEL_BYTES) },
    quick: { type: 'boolean', default: false },
    'relay-node-options': { type: 'string', default: '' },
    'no-build': { type: 'boolean', default: false },
    vitest: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (values.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}

const number = (name: string, text: string): number => {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number >= 0, got ${text}`);
  return n;
};
const settings: BenchSettings = {
  latencyMs: number('latency-ms', values['latency-ms']),
  labelBytes: number('label-bytes', values['label-bytes']),
  quick: values.quick,
  relayNodeOptions: values['relay-node-options'],
};
const list = (text: string | undefined) => (text ? text.split(',').map((s) => s.trim()) : undefined);
const only = list(values.only);
const skip = list(values.skip) ?? [];
for (const id of [...(only ?? []), ...skip]) if (!GROUPS.some((g) => g.id === id)) throw new Error(`no benchmark group "${id}" (groups: ${GROUPS.map((g) => g.id).join(', ')})`);
const groups = GROUPS.filter((g) => (only ? only.includes(g.id) : true) && !skip.includes(g.id));

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

if (!values['no-build']) {
  log('npm run build');
  // Its output goes to stderr: stdout is for results only.
  const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
};

const began = Date.now();
const figures: Record<string, MetricValue> = {};
const tables: { title: string; metrics: Metric[]; notes: string[]; seconds: number }[] = [];
const failedGroups: { id: string; error: string }[] = [];
for (const group of groups) {
  const t0 = Date.now();
  log(`${group.id}: ${group.title}`);
  try {
    const result = await group.run({ settings, log });
    for (const m of result.metrics) {
      if (m.key in figures) throw new Error(`figure ${m.key} is reported by two groups`);
      figures[m.key] = m.value;
    }
    tables.push({ title: group.title, metrics: result.metrics, notes: result.notes ?? [], seconds: (Date.now() - t0) / 1000 });
  } catch (error) {
    // One broken scenario must not hide the others' figures; the run still fails at the end.
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`${group.id} FAILED: ${message}`);
    failedGroups.push({ id: group.id, error: message.split('\n')[0] ?? message });
  }
}

const missed = tables.flatMap((t) => t.metrics.filter((m) => m.target && meets(m.value, m.target) === false).map((m) => ({ key: m.key, value: m.value, target: `${m.target!.op} ${m.target!.value}` })));
const meta = {
  date: new Date(began).toISOString(),
  seconds: Math.round((Date.now() - began) / 1000),
  machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100) },
  where: `everything on this one machine (${machine.cpus} cores): benchmark drivers, the relay(s), the FedEx double${groups.some((g) => g.id === 'multi') ? ', redis-server' : ''}${groups.some((g) => g.id === 'governance') ? ' and the NetSuite double' : ''}`,
  settings,
  groups: groups.map((g) => g.id),
  targetsMissed: missed,
  failedGroups,
};

if (values.json) {
  process.stdout.write(`${JSON.stringify({ ...figures, meta })}\n`);
} else {
  const out: string[] = [];
  out.push(`FedEx connector benchmark, ${meta.date}`);
  out.push(`Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}; load average ${machine.loadAverageAtStart.join(' / ')} at start, ${meta.machine.loadAverageAtEnd.join(' / ')} at end.`);
  out.push(`${meta.where}. FedEx double: ${settings.latencyMs} ms per create, ${settings.labelBytes.toLocaleString('en-US')}-byte PDF labels, FedEx's limits. Relay: relay/dist/index.js${settings.relayNodeOptions ? ` with NODE_OPTIONS=${settings.relayNodeOptions}` : ', no Node options'}.${settings.quick ? ' QUICK RUN: smaller scenarios.' : ''}`);
  for (const t of tables) {
    out.push('', `${t.title} (${t.seconds.toFixed(0)} s)`);
    out.push(...table(t.metrics));
    for (const n of t.notes) out.push(`  ${n}`);
  }
  for (const f of failedGroups) out.push('', `${f.id}: FAILED: ${f.error}`);
  out.push('', missed.length === 0 ? 'Every target met.' : `Targets missed: ${missed.map((m) => `${m.key} = ${m.value} (target ${m.target})`).join('; ')}`);
  out.push(`${meta.seconds} s in all.`);
  process.stdout.write(`${out.join('\n')}\n`);
}

if (values.vitest) {
  log('vitest bench --run (micro-benchmarks)');
  const child = spawn('npx', ['vitest', 'bench', '--run'], { cwd: ROOT, stdio: ['ignore', values.json ? process.stderr : process.stdout, process.stderr] });
  const code = await new Promise<number>((ok) => child.once('exit', (c) => ok(c ?? 1)));
  if (code !== 0) process.exitCode = code;
}
if (failedGroups.length > 0) process.exitCode = 1;

function table(metrics: Metric[]): string[] {
  const rows = metrics.map((m) => {
    const value = typeof m.value === 'number' ? `${m.value.toLocaleString('en-US')}${m.unit && m.unit !== 'ratio' ? ` ${m.unit}` : ''}` : String(m.value);
    const verdict = m.target ? (meets(m.value, m.target) === false ? `MISSED (${m.target.op} ${m.target.value.toLocaleString('en-US')})` : `ok (${m.target.op} ${m.target.value.toLocaleString('en-US')})`) : '';
    return [m.key, value, verdict, m.label];
  });
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => (r[c] as string).length), ['figure', 'value', 'target'][c]!.length));
  const line = (r: string[]) => `  ${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padStart(widths[1]!)}  ${r[2]!.padEnd(widths[2]!)}  ${r[3]}`.trimEnd();
  return [line(['figure', 'value', 'target', '']), ...rows.map(line)];
}
