// Builds what the demo runs (npm run build: the SuiteScripts to AMD, the relay bundle) unless the
// build output is newer than every source it is made from, as make would: a fresh clone builds, a
// second run does not spend its seconds on it. The build's own output goes to stderr.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './stand-ins';

const SOURCES = ['suiteapp/ts', 'shared/src', 'relay/src', 'scripts/build-suiteapp.mjs', 'scripts/build-relay.mjs', 'package-lock.json'];
const OUTPUTS = ['relay/dist/index.js', 'suiteapp/src/FileCabinet/SuiteApps/com.mlfx.fedexconnector'];

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !/\.test\.ts$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

export function buildIsCurrent(): boolean {
  const outputs = OUTPUTS.flatMap(files).filter((f) => f.endsWith('.js'));
  if (outputs.length < 2) return false;
  const oldestOutput = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  return SOURCES.flatMap(files).every((f) => statSync(f).mtimeMs <= oldestOutput);
}

/** Runs `npm run build` (through the npm that started the demo, if any); false when it failed. */
export function build(): boolean {
  const npm = process.env.npm_execpath;
  const run = spawnSync(npm ? process.execPath : 'npm', [...(npm ? [npm] : []), 'run', '-s', 'build'], { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] });
  return run.status === 0;
}
