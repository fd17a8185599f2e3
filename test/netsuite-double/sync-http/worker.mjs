// Performs one HTTP request at a time for a caller that is blocked in Atomics.wait (see
// sync-request.ts). Plain JavaScript because Node 20 workers cannot load TypeScript; keep it tiny.
// Protocol: the caller posts {id, signal, method, url, headers, body, connectTimeoutMs,
// totalTimeoutMs}; the worker posts back {id, outcome} on the same port, then sets signal[0] = 1
// and notifies, so the caller wakes up and reads the reply with receiveMessageOnPort.
import http from 'node:http';
import https from 'node:https';
import { workerData } from 'node:worker_threads';

const port = workerData.port;

port.on('message', async (job) => {
  let outcome;
  try {
    outcome = await perform(job);
  } catch (error) {
    outcome = { kind: 'closed', message: String(error && error.message) };
  }
  port.postMessage({ id: job.id, outcome });
  Atomics.store(job.signal, 0, 1);
  Atomics.notify(job.signal, 0);
});

function perform(job) {
  return new Promise((resolve) => {
    const url = new URL(job.url);
    const client = url.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
      resolve(outcome);
    };
    const tls = url.protocol === 'https:' && job.ca && job.ca.length ? { ca: job.ca } : {};
    const request = client.request(url, { method: job.method, headers: job.headers, agent: false, ...tls });
    const totalTimer = setTimeout(() => {
      finish({ kind: 'timeout' });
      request.destroy();
    }, job.totalTimeoutMs);
    let connectTimer;
    request.on('socket', (socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(() => {
        finish({ kind: 'connect-timeout' });
        request.destroy();
      }, job.connectTimeoutMs);
      socket.once('connect', () => clearTimeout(connectTimer));
    });
    request.on('error', (error) => {
      const code = error && error.code;
      if (code === 'ECONNREFUSED') finish({ kind: 'refused', message: error.message });
      else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') finish({ kind: 'unknown-host', message: error.message });
      else if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(String(code))) finish({ kind: 'bad-certificate', message: error.message });
      else finish({ kind: 'closed', message: String(error && error.message) });
    });
    request.on('response', (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('error', (error) => finish({ kind: 'closed', message: String(error.message) }));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        finish({
          kind: 'response',
          status: response.statusCode,
          rawHeaders: response.rawHeaders,
          body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
        });
      });
    });
    if (job.body) request.end(Buffer.from(job.body));
    else request.end();
  });
}
