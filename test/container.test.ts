// The Dockerfile and compose.yaml cannot be built or run here (no image can be pulled), so their
// essentials are checked as text: a multi-stage build whose runtime stage installs production
// dependencies only and runs as the unprivileged node user with a health check; a compose file whose
// relay waits for a healthy Redis, uses it, reads secrets from files, and sets only variables the
// relay's configuration knows (a typo there would be silently ignored by the relay).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RELAY_VARIABLES } from '../relay/src/env';

const root = resolve(import.meta.dirname, '..');
const read = (file: string) => readFileSync(resolve(root, file), 'utf8');

/** Dockerfile instructions per stage, continuation lines joined, comments dropped. */
function dockerStages(text: string): { name: string; instructions: { op: string; args: string }[] }[] {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const stages: { name: string; instructions: { op: string; args: string }[] }[] = [];
  for (const line of lines) {
    const [, op = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (op.toUpperCase() === 'FROM') stages.push({ name: /\bAS\s+(\S+)/i.exec(args)?.[1] ?? '', instructions: [] });
    stages.at(-1)?.instructions.push({ op: op.toUpperCase(), args });
  }
  return stages;
}

/** The relay's setting a variable feeds: NAME_FILE feeds NAME. */
const setting = (name: string) => (name.endsWith('_FILE') && name !== 'RELAY_ENV_FILE' ? name.slice(0, -'_FILE'.length) : name);

describe('Dockerfile', () => {
  const stages = dockerStages(read('Dockerfile'));
  const runtime = stages.at(-1)!;
  const ops = (op: string) => runtime.instructions.filter((i) => i.op === op).map((i) => i.args);

  it('builds in one stage and runs from another holding production dependencies and the bundle only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const build = stages.find((s) => s.name === 'build')!;
    expect(build.instructions.some((i) => i.op === 'RUN' && /\bnpm ci\b/.test(i.args))).toBe(true);
    expect(build.instructions.some((i) => i.op === 'RUN' && /npm run build:relay/.test(i.args))).toBe(true);
    expect(ops('RUN').some((args) => /\bnpm ci\b.*--omit=dev/.test(args))).toBe(true);
    expect(ops('COPY').some((args) => /--from=build\s+\S*relay\/dist/.test(args))).toBe(true);
    expect(ops('COPY').every((args) => !/\b(src|test)\b/.test(args) || args.includes('--from=build'))).toBe(true);
  });

  it('runs as the non-root node user, node itself (signals reach the relay), with a health check on /healthz', () => {
    const users = ops('USER');
    expect(users.at(-1)).toBe('node');
    const lastUser = runtime.instructions.findIndex((i) => i.op === 'USER');
    expect(runtime.instructions.slice(lastUser).some((i) => i.op === 'RUN')).toBe(false); // nothing runs as root after it
    expect(ops('HEALTHCHECK').join(' ')).toMatch(/\/healthz/);
    expect(ops('CMD').at(-1)).toMatch(/^\["node",\s*"relay\/dist\/index\.js"\]$/);
  });

  it('exposes the port the relay listens on', () => {
    const port = ops('ENV').join(' ').match(/\bPORT=(\d+)/)?.[1];
    expect(port).toBe('8787');
    expect(ops('EXPOSE')).toContain(port);
  });

  it('keeps secrets and build output out of the build context (.dockerignore)', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    for (const entry of ['.git', '**/node_modules', 'relay/dist', '.env', 'secrets', '*.pem', '*.key']) expect(ignored).toContain(entry);
  });
});

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml')) as {
    services: Record<string, { image?: string; build?: unknown; environment?: Record<string, string>; env_file?: ({ path: string } | string)[]; depends_on?: Record<string, { condition: string }>; healthcheck?: { test: string[] }; secrets?: string[] }>;
    secrets: Record<string, { file?: string; environment?: string }>;
  };
  const relay = compose.services.relay!;
  const redis = compose.services.redis!;
  const env = relay.environment ?? {};

  it('runs the relay built here beside redis:7, and the relay starts once Redis is healthy and uses it', () => {
    expect(relay.build).toBeDefined();
    expect(redis.image).toMatch(/^redis:7(\b|$)/);
    expect(relay.depends_on?.redis?.condition).toBe('service_healthy');
    expect(redis.healthcheck?.test.join(' ')).toMatch(/redis-cli ping/);
    expect(relay.healthcheck?.test.join(' ')).toMatch(/\/healthz/);
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    expect(relay.env_file?.length).toBeGreaterThan(0);
  });

  it('sets only variables the relay knows, secrets by NAME_FILE from mounted files, none inline', () => {
    const exampleEnv = read('relay.env.example').split('\n').map((l) => l.trim()).filter((l) => /^[A-Z_][A-Z0-9_]*=/.test(l)).map((l) => l.split('=')[0]!);
    for (const name of [...Object.keys(env), ...exampleEnv]) expect(RELAY_VARIABLES, name).toContain(setting(name));
    const secretSettings = ['FEDEX_CLIENT_SECRET', 'RELAY_SHARED_SECRET', 'RELAY_SHARED_SECRET_PREVIOUS', 'RELAY_METRICS_TOKEN', 'FEDEX_WEBHOOK_SECURITY_TOKEN', 'NETSUITE_PRIVATE_KEY', 'NETSUITE_CONSUMER_SECRET', 'NETSUITE_TOKEN_SECRET', 'DOTENV_PRIVATE_KEY'];
    for (const name of secretSettings) {
      expect(env, name).not.toHaveProperty(name);
      expect(exampleEnv, name).not.toContain(name);
    }
    for (const [name, path] of Object.entries(env).filter(([n]) => n.endsWith('_FILE'))) {
      const secret = /^\/run\/secrets\/(.+)$/.exec(path)?.[1];
      expect(secret, name).toBeDefined();
      expect(relay.secrets, name).toContain(secret);
      expect(compose.secrets[secret!]?.file, name).toMatch(/^\.\/secrets\//);
    }
    expect(Object.keys(env).filter((n) => n.endsWith('_FILE')).map(setting)).toEqual(expect.arrayContaining(['FEDEX_CLIENT_SECRET', 'RELAY_SHARED_SECRET']));
  });

  it('keeps the secret files and local settings out of git', () => {
    const ignored = read('.gitignore').split('\n').map((l) => l.trim());
    expect(ignored).toContain('secrets/');
    expect(ignored).toContain('relay.env');
  });
});
