import { afterEach, describe, expect, it } from 'vitest';
import { fakeAccount } from './io/fake-account.js';
import { ioStateOf } from './io/io-state.js';
import { testContext } from './io/test-context.js';
import { allowAll, listen, type AccountServer } from './http-server.js';
import { createFileModule } from './modules/file.js';
import { createUrlModule } from './modules/url.js';

const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0x00, 0x80]);

function account() {
  return fakeAccount({
    customscript_io_rl: {
      scriptType: 'Restlet',
      exports: {
        get: (params) => ({ got: params }),
        post: (body, env) => {
          env.charge(10);
          if (body?.fail) throw Object.assign(new Error('Bad shipment'), { type: 'error.SuiteScriptError', name: 'MLFX_INVALID_SHIPMENT' });
          if (body?.crash) return (undefined as any).boom;
          return typeof body === 'string' ? `echo:${body}` : { received: body };
        },
      },
    },
    customscript_io_sl: {
      scriptType: 'Suitelet',
      deployments: [{ scriptid: 'customdeploy_io_sl', isonline: true }],
      exports: {
        onRequest: ({ request, response }) => {
          if (request.parameters.file) {
            const file = createFileModule(testContext(accountRef)).load(Number(request.parameters.file));
            response.writeFile({ file, isInline: true });
            return;
          }
          if (request.parameters.header) response.setHeader({ name: request.parameters.header, value: 'x' });
          response.setHeader({ name: 'X-Method', value: request.method });
          response.write(`<p>${request.parameters.name ?? ''}|${request.body}|${request.headers['X-Test'] ?? ''}</p>`);
        },
      },
    },
  });
}

let accountRef: object;
let server: AccountServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: Parameters<typeof listen>[1] = {}) {
  const acct = account();
  accountRef = acct;
  server = await listen(acct, options);
  return { acct, server };
}

describe('account HTTP server: RESTlets', () => {
  it('routes GET/POST to the entry points, JSON in and out, by internal id or script id', async () => {
    const { server } = await start();
    const url = server.scriptUrl('customscript_io_rl', 'customdeploy_io_rl');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/app\/site\/hosting\/restlet\.nl\?script=\d+&deploy=1$/);
    const headers = { Authorization: server.testAuthorization, 'Content-Type': 'application/json' };
    const get = await fetch(`${url}&q=1`, { headers });
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(await get.json()).toEqual({ got: { script: expect.any(String), deploy: '1', q: '1' } });

    const byScriptId = `${server.origin}/app/site/hosting/restlet.nl?script=customscript_io_rl&deploy=customdeploy_io_rl`;
    const post = await fetch(byScriptId, { method: 'POST', headers, body: JSON.stringify({ id: 7 }) });
    expect(await post.json()).toEqual({ received: { id: 7 } });

    const text = await fetch(byScriptId, { method: 'POST', headers: { ...headers, 'Content-Type': 'text/plain' }, body: 'hi' });
    expect(await text.text()).toBe('echo:hi');
  });

  it('answers errors as NetSuite formats them', async () => {
    const { server } = await start();
    const url = server.scriptUrl('customscript_io_rl', 'customdeploy_io_rl');
    const headers = { Authorization: server.testAuthorization, 'Content-Type': 'application/json' };
    const failed = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ fail: true }) });
    expect(failed.status).toBe(400);
    expect(await failed.json()).toEqual({ error: { code: 'MLFX_INVALID_SHIPMENT', message: 'Bad shipment' } });
    const crashed = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ crash: true }) });
    expect(await crashed.json()).toEqual({ error: { code: 'JS_EXCEPTION', message: expect.stringMatching(/^TypeError /) } });
    const noPut = await fetch(url, { method: 'PUT', headers, body: '{}' });
    expect(noPut.status).toBe(405);
    const unknown = await fetch(`${server.origin}/app/site/hosting/restlet.nl?script=999&deploy=1`, { headers });
    expect(await unknown.json()).toEqual({ error: { code: 'SSS_INVALID_SCRIPTLET_ID', message: expect.any(String) } });
    const badJson = await fetch(url, { method: 'POST', headers, body: '{nope' });
    expect(badJson.status).toBe(400);
    const textError = await fetch(url, { method: 'POST', headers: { ...headers, 'Content-Type': 'text/plain' }, body: 'x' });
    expect(textError.status).toBe(200);
  });

  it('requires authentication by default; the hook decides', async () => {
    const { server } = await start();
    const url = server.scriptUrl('customscript_io_rl', 'customdeploy_io_rl');
    const anonymous = await fetch(url, { headers: { 'Content-Type': 'application/json' } });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: { code: 'INVALID_LOGIN_ATTEMPT', message: 'Invalid login attempt.' } });
    await server.close();

    const open = await start({ authenticate: allowAll });
    const ok = await fetch(open.server.scriptUrl('customscript_io_rl', 'customdeploy_io_rl'), { headers: { 'Content-Type': 'application/json' } });
    expect(ok.status).toBe(200);
  });

  it('refuses RESTlet requests over the concurrency limit with 400 SSS_REQUEST_LIMIT_EXCEEDED', async () => {
    const { server } = await start({ concurrencyLimit: 3 });
    const url = server.scriptUrl('customscript_io_rl', 'customdeploy_io_rl');
    const headers = { Authorization: server.testAuthorization, 'Content-Type': 'application/json' };
    const release = server.occupySlots(3);
    const refused = await fetch(url, { headers });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: { code: 'SSS_REQUEST_LIMIT_EXCEEDED', message: expect.any(String) } });
    release();
    expect((await fetch(url, { headers })).status).toBe(200);
    expect(server.stats).toMatchObject({ restlet: 1, refusedForLimit: 1 });
  });

  it('counts requests still sending their body as in flight', async () => {
    const { server } = await start({ concurrencyLimit: 2 });
    const url = new URL(server.scriptUrl('customscript_io_rl', 'customdeploy_io_rl'));
    const { request } = await import('node:http');
    const slow = request(url, { method: 'POST', headers: { Authorization: server.testAuthorization, 'Content-Type': 'application/json', 'Content-Length': '20' } });
    slow.write('{"a":');
    slow.flushHeaders();
    const slowDone = new Promise<number>((resolve) => slow.on('response', (r) => { r.resume(); resolve(r.statusCode ?? 0); }));
    while (server.inFlight === 0) await new Promise((r) => setImmediate(r)); // the server has the first request
    const release = server.occupySlots(1);
    const refused = await fetch(url, { headers: { Authorization: server.testAuthorization, 'Content-Type': 'application/json' } });
    expect(refused.status).toBe(400);
    release();
    slow.end('1}' + ' '.repeat(13));
    expect(await slowDone).toBe(200);
  });

  it('answers 503 to everything while the account is unavailable', async () => {
    const { server } = await start();
    server.setUnavailable(true);
    const down = await fetch(server.scriptUrl('customscript_io_rl', 'customdeploy_io_rl'), { headers: { Authorization: server.testAuthorization } });
    expect(down.status).toBe(503);
    server.setUnavailable(false);
    const up = await fetch(server.scriptUrl('customscript_io_rl', 'customdeploy_io_rl'), { headers: { Authorization: server.testAuthorization, 'Content-Type': 'application/json' } });
    expect(up.status).toBe(200);
  });
});

describe('account HTTP server: Suitelets and media', () => {
  it('gives Suitelets request parameters, body and headers, and sends what they write', async () => {
    const { server } = await start();
    const url = server.scriptUrl('customscript_io_sl', 'customdeploy_io_sl', { name: 'Ada' });
    expect(url).toContain('&compid=TSTDRV1234567');
    const res = await fetch(url, { method: 'POST', headers: { 'X-Test': 'yes', 'Content-Type': 'text/plain' }, body: 'payload' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-method')).toBe('POST');
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(await res.text()).toBe('<p>Ada|payload|yes</p>');

    const internal = url.replace(/&compid=[^&]+/, '');
    expect((await fetch(internal)).status).toBe(401); // the internal URL needs a login
    const blocked = await fetch(`${url}&header=Location`);
    expect(blocked.status).toBe(500);
    expect(await blocked.text()).toContain('SSS_INVALID_HEADER');
  });

  it('serves File Cabinet media with the exact bytes and type; login needed unless isOnline', async () => {
    const { acct, server } = await start();
    const file = createFileModule(testContext(acct));
    const png = file.create({ name: 'logo.png', fileType: 'PNGIMAGE', contents: PNG_BYTES.toString('base64'), folder: -4, isOnline: true });
    const id = png.save();
    const loaded = file.load(id);
    const media = await fetch(server.origin + loaded.url!);
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await media.arrayBuffer())).toEqual(PNG_BYTES);

    const privateId = file.create({ name: 'secret.txt', fileType: 'PLAINTEXT', contents: 'é', folder: -15 }).save();
    const privateUrl = server.origin + file.load(privateId).url!;
    expect((await fetch(privateUrl)).status).toBe(401);
    const withLogin = await fetch(privateUrl, { headers: { Authorization: server.testAuthorization } });
    expect(withLogin.headers.get('content-type')).toBe('text/plain; charset=UTF-8');
    expect(await withLogin.text()).toBe('é');
    expect((await fetch(privateUrl.replace(/h=[0-9a-f]+/, 'h=0'))).status).toBe(404);

    const viaSuitelet = await fetch(server.scriptUrl('customscript_io_sl', 'customdeploy_io_sl', { file: id }));
    expect(viaSuitelet.headers.get('content-disposition')).toBe('inline; filename="logo.png"');
    expect(Buffer.from(await viaSuitelet.arrayBuffer())).toEqual(PNG_BYTES);
  });

  it('points N/url at itself while listening, and back at NetSuite after close', async () => {
    const { acct, server } = await start();
    const url = createUrlModule(testContext(acct));
    expect(url.resolveDomain({ hostType: 'APPLICATION' })).toBe(new URL(server.origin).host);
    await server.close();
    expect(ioStateOf(acct).serverOrigin).toBeUndefined();
    expect(url.resolveDomain({ hostType: 'APPLICATION' })).toBe('tstdrv1234567.app.netsuite.com');
  });
});
