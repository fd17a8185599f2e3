// The I/O half through the real sandbox: handwritten AMD fixture scripts (test/fixtures/netsuite/
// io_project) calling N/https, N/crypto, N/file, N/url and N/task, run by the Map/Reduce driver,
// the task queue and the account's HTTP server. The HTTP server the scripts call runs in a child
// process, because a script's https call blocks this thread.
import { createHash, createHmac } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from './core-fixtures.js';
import { createNetSuiteDouble, type NetSuiteDoubleOptions } from './index.js';
import type { AccountServer } from './http-server.js';
import type { MapReduceRun } from './mapreduce.js';
import { startChildServer, type ChildServer } from './sync-http/child-server.js';
import { testTlsIdentity } from '../support/test-tls.js';

const IO_PROJECT = join(FIXTURES, 'io_project');
const SECRET = 'relay-hmac-key-4f1d9c2e';
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0x00, 0xff, 0x80, 0x7f, 0x0a, 0x0d]), Buffer.from('\n%%EOF\n')]);

function ioDouble(options: NetSuiteDoubleOptions = {}) {
  return createNetSuiteDouble({
    project: false,
    objectsDirs: [join(IO_PROJECT, 'Objects')],
    fileCabinetDirs: [join(IO_PROJECT, 'FileCabinet')],
    time: new Date(2026, 2, 10, 9, 30),
    apiSecrets: { custsecret_io_relay: SECRET },
    ...options,
    https: { trustedCertificates: [testTlsIdentity().cert], ...options.https },
  });
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const contentsOf = (ns: ReturnType<typeof ioDouble>, path: string) => Buffer.from(ns.io.files.load(path).bytes).toString('utf8');

let target: ChildServer;
beforeAll(async () => {
  target = await startChildServer(new URL('./sync-http/loopback-server.mjs', import.meta.url), [], [], testTlsIdentity());
});
afterAll(() => target.stop());

describe('a scheduled script signing a request with an API secret', () => {
  const runSigner = (ns: ReturnType<typeof ioDouble>, origin = target.origin) =>
    ns.runEntryPoint({
      scriptId: 'customscript_io_ss_signer',
      entryPoint: 'execute',
      args: [{ type: 'ONDEMAND' }],
      parameters: { custscript_io_target: origin },
    });

  it('sends the HMAC and the resolved bearer token; the script can read neither the secret nor the token', () => {
    const ns = ioDouble();
    const result = runSigner(ns);
    expect(result.outcome).toBe('returned');
    expect(result.invocation.charges.map((c) => `${c.what}:${c.units}`)).toEqual(['https.post:10', 'https.get:10', 'file.save:20', 'task.submit:20']);

    const seen = JSON.parse(contentsOf(ns, 'SuiteScripts/io_ss_seen.json'));
    const expectedSignature = createHmac('sha256', SECRET).update('{"hello":"world"}').digest('hex').toUpperCase();
    expect(seen.signature).toBe(expectedSignature);
    const received = JSON.parse(seen.body);
    expect(received.headers.authorization).toBe(sha256(`Bearer ${SECRET}`));
    expect(received.headers['x-signature']).toBe(sha256(expectedSignature));
    expect(received.headers['content-type']).toBe(sha256('application/json'));
    expect(seen.refused).toBe('SSS_CONNECTION_CLOSED');
    expect(seen.remaining).toBe(10_000 - 20);

    // Nothing the script could read or log carries the secret.
    const visible = JSON.stringify({ seen, logs: ns.logs(), invocations: ns.invocations() });
    expect(visible).not.toContain(SECRET);
    expect(seen.bearerKeys).toEqual(expect.not.arrayContaining([expect.stringContaining(SECRET)]));
    expect(seen.bearerJson).toBe('{}');
    // …while the account log of outbound requests (test-side only) shows what really left.
    expect(ns.io.outbound[0]).toMatchObject({ method: 'POST', headers: { Authorization: `Bearer ${SECRET}`, 'X-Signature': expectedSignature } });
  });

  it('fails without the SDF secret object or without the secret value', () => {
    const noValue = ioDouble({ apiSecrets: {} });
    expect(runSigner(noValue).error).toMatchObject({ name: 'INVALID_SECRET_KEY', message: expect.stringContaining('holds no API secret') });
    expect(noValue.io.outbound).toHaveLength(0);
  });

  it('queues the Map/Reduce it submits; it runs when the test says, and a second submit is refused', () => {
    const ns = ioDouble();
    runSigner(ns);
    const [queued] = ns.io.tasks.pending();
    expect(queued).toMatchObject({ kind: 'MAP_REDUCE', scriptId: 'customscript_io_mr_orders', status: 'PENDING' });
    expect(ns.invocations({ scriptId: 'customscript_io_mr_orders' })).toHaveLength(0);

    const again = runSigner(ns);
    expect(again.error).toMatchObject({ name: 'MAP_REDUCE_ALREADY_RUNNING' });

    const [done] = ns.runQueuedTasks();
    expect(done!.task.status).toBe('COMPLETE');
    expect((done!.outcome as MapReduceRun).output).toEqual([
      { key: 'A', value: '7' },
      { key: 'B', value: '1' },
      { key: 'BAD', value: '7' },
    ]);
  });

  it('a script calling the account\'s own server on this thread times out (the thread is blocked)', async () => {
    // The account's server speaks plain http on loopback: the test-only escape hatch lets the call start.
    const ns = ioDouble({ https: { totalTimeoutMs: 300, allowHttpLoopback: true } });
    const server = await ns.listen();
    try {
      expect(runSigner(ns, server.origin).error).toMatchObject({ name: 'SSS_REQUEST_TIME_EXCEEDED' });
    } finally {
      await server.close();
    }
  });
});

describe('the Map/Reduce fixture through the driver', () => {
  it('serialises input, groups by sorted key, retries per config, and summarises', () => {
    const ns = ioDouble();
    const run = ns.runMapReduce({ scriptId: 'customscript_io_mr_orders' });
    expect(run.input.pairs.map((p) => p.key)).toEqual(['0', '1', '2', '3']);
    expect(run.input.pairs[0]!.value).toBe('{"order":"SO1","sku":"A","qty":2}');
    expect(run.shuffle).toEqual([
      { key: 'A', values: ['{"order":"SO1","qty":2}', '{"order":"SO3","qty":5}'] },
      { key: 'B', values: ['{"order":"SO2","qty":1}'] },
      { key: 'BAD', values: ['{"order":"SO4","qty":7}'] },
    ]);
    expect(run.map!.errors.map((e) => [e.key, e.name, e.executionNo])).toEqual([['3', 'IO_FLAKY', 1]]);
    expect(run.map!.keys.get('3')).toEqual({ executionCount: 2, state: 'COMPLETE' });
    expect(contentsOf(ns, 'SuiteScripts/io_mr_summary.txt')).toBe(['A=7', 'B=1', 'BAD=7', 'map error 3 IO_FLAKY #1', 'restarted false'].join('\n'));
    expect(run.map!.usage).toBe(5 * 20 + 1 * 0); // four first runs and one retry, one marker save each
    expect(ns.invocations({ scriptId: 'customscript_io_mr_orders' }).map((i) => [i.entryPoint, i.usageLimit])).toEqual([
      ['getInputData', 10_000],
      ['map', 1_000], ['map', 1_000], ['map', 1_000], ['map', 1_000], ['map', 1_000],
      ['reduce', 5_000], ['reduce', 5_000], ['reduce', 5_000],
      ['summarize', 10_000],
    ]);
  });

  it('a restart re-runs the cut pairs with isRestarted; the idempotent map writes its marker once', () => {
    const ns = ioDouble();
    const run = ns.runMapReduce({ scriptId: 'customscript_io_mr_orders', interruptions: [{ stage: 'map', afterCalls: 1 }] });
    expect(run.restarts).toBe(1);
    expect(contentsOf(ns, 'SuiteScripts/io_mr_SO2.txt')).toBe('execution 1'); // not rewritten by the restarted run
    expect(ns.invocations({ entryPoint: 'map', label: 'map 1' })).toHaveLength(2);
    expect(run.output).toEqual([
      { key: 'A', value: '7' },
      { key: 'B', value: '1' },
      { key: 'BAD', value: '7' },
    ]);
    expect(contentsOf(ns, 'SuiteScripts/io_mr_summary.txt')).toContain('map error 1 SSS_APP_SERVER_RESTART #1');
  });

  it('a map call over 1,000 units fails that key with SSS_USAGE_LIMIT_EXCEEDED', () => {
    const ns = ioDouble();
    const run = ns.runMapReduce({ scriptId: 'customscript_io_mr_orders', params: { custscript_io_mode: 'heavy' } });
    expect(run.map!.errors.filter((e) => e.key === '0').map((e) => [e.name, e.executionNo])).toEqual([
      ['SSS_USAGE_LIMIT_EXCEEDED', 1],
      ['SSS_USAGE_LIMIT_EXCEEDED', 2],
    ]);
    expect(run.map!.keys.get('0')!.state).toBe('FAILED');
    expect(run.output).toContainEqual({ key: 'A', value: '5' }); // SO1's 2 never reached reduce
  });

  it('a search returned by getInputData feeds map with {recordType, id, values} JSON keyed by internal id', () => {
    const ns = ioDouble();
    const subsidiary = ns.seed('subsidiary', { fields: { name: 'US West', country: 'US' } });
    const ids = ['Acme Corp', 'Bolt Ltd'].map((companyname) => ns.seed('customer', { fields: { companyname, subsidiary } }));
    const run = ns.runMapReduce({ scriptId: 'customscript_io_mr_orders', params: { custscript_io_mode: 'search' } });
    expect(run.input.pairs.map((p) => p.key)).toEqual(ids.map(String));
    expect(JSON.parse(run.input.pairs[0]!.value)).toEqual({
      recordType: 'customer',
      id: String(ids[0]),
      values: { companyname: 'Acme Corp', subsidiary: { value: String(subsidiary), text: 'US West' } },
    });
    expect(run.output).toEqual([{ key: 'US West', value: `customer ${ids[0]} Acme Corp, customer ${ids[1]} Bolt Ltd` }]);
    expect(run.input.usage).toBe(0); // NetSuite runs the input search outside the script's usage
  });

  it('an error in getInputData reaches summarize as inputSummary.error', () => {
    const ns = ioDouble();
    const run = ns.runMapReduce({ scriptId: 'customscript_io_mr_orders', params: { custscript_io_mode: 'fail-input' } });
    expect(run.input.error).toMatchObject({ name: 'IO_NO_INPUT' });
    expect(run.map).toBeUndefined();
    expect(contentsOf(ns, 'SuiteScripts/io_mr_summary.txt')).toBe('input error IO_NO_INPUT\nrestarted false');
  });
});

describe('the account over HTTP', () => {
  let server: AccountServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('a RESTlet stores a label; its File Cabinet URL and a Suitelet serve the exact bytes', async () => {
    const ns = ioDouble();
    server = await ns.listen();
    const restlet = server.scriptUrl('customscript_io_rl_labels', 'customdeploy_io_rl_labels');
    const headers = { Authorization: server.testAuthorization, 'Content-Type': 'application/json' };
    const created = await fetch(restlet, { method: 'POST', headers, body: JSON.stringify({ name: 'label-7.pdf', pdf: PDF.toString('base64') }) });
    expect(created.status).toBe(200);
    const { id, url } = (await created.json()) as { id: number; url: string };
    expect(url).toBe(`/core/media/media.nl?id=${id}&c=${ns.account.accountId}&h=${ns.io.files.load(id).hash}`);

    const media = await fetch(server.origin + url);
    expect(media.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await media.arrayBuffer())).toEqual(PDF);

    const described = await fetch(`${restlet}&id=${id}`, { headers });
    expect(await described.json()).toEqual({ id, name: 'label-7.pdf', url, size: PDF.length, fileType: 'PDF' });

    const suitelet = await fetch(server.scriptUrl('customscript_io_sl_label', 'customdeploy_io_sl_label', { id }));
    expect(suitelet.headers.get('content-disposition')).toBe('inline; filename="label-7.pdf"');
    expect(Buffer.from(await suitelet.arrayBuffer())).toEqual(PDF);

    const deleted = await fetch(`${restlet}&id=${id}`, { method: 'DELETE', headers });
    expect(await deleted.json()).toEqual({ deleted: id });
    expect((await fetch(server.origin + url)).status).toBe(404);
    expect(ns.invocations({ scriptId: 'customscript_io_rl_labels' }).map((i) => [i.label, i.unitsUsed])).toEqual([
      ['POST', 30],
      ['GET', 10],
      ['DELETE', 20],
    ]);
  });

  it('answers script errors as {"error": {code, message}} with 400, and SSS_REQUEST_LIMIT_EXCEEDED over the limit', async () => {
    const ns = ioDouble();
    server = await ns.listen({ concurrencyLimit: 2 });
    const restlet = server.scriptUrl('customscript_io_rl_labels', 'customdeploy_io_rl_labels');
    const headers = { Authorization: server.testAuthorization, 'Content-Type': 'application/json' };
    const failed = await fetch(restlet, { method: 'POST', headers, body: '{}' });
    expect(failed.status).toBe(400);
    expect(await failed.json()).toEqual({ error: { code: 'IO_NO_LABEL', message: 'The request has no pdf.' } });

    const release = server.occupySlots(2);
    const limited = await fetch(restlet, { method: 'POST', headers, body: '{}' });
    expect(limited.status).toBe(400);
    expect(await limited.json()).toMatchObject({ error: { code: 'SSS_REQUEST_LIMIT_EXCEEDED' } });
    release();
    expect(ns.invocations({ scriptId: 'customscript_io_rl_labels' })).toHaveLength(1); // the refused call never ran

    server.setUnavailable(true);
    expect((await fetch(restlet, { method: 'POST', headers, body: '{}' })).status).toBe(503);
  });

  it('a Suitelet deployed "available without login" answers its external URL without credentials', async () => {
    const ns = ioDouble();
    server = await ns.listen();
    const external = server.scriptUrl('customscript_io_sl_label', 'customdeploy_io_sl_label', { name: 'Ada' });
    const hello = await fetch(external);
    expect(hello.headers.get('x-io-fixture')).toBe('label');
    expect(await hello.text()).toBe('hello Ada');
    expect((await fetch(external.replace(/&compid=[^&]+/, ''))).status).toBe(401);
  });
});
