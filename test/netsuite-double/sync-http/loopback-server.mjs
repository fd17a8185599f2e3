// A small HTTP server for the N/https tests, run in a CHILD PROCESS: the test thread blocks while
// a script waits for its answer, so a server on that thread could never reply.
// Prints {"port": n} as its first stdout line. Routes:
//   /echo           200, JSON {method, url, headers, body (base64)}
//   /status/<code>  that status, a small text body and an x-status header
//   /delay/<ms>     200 after ms milliseconds
//   /bytes          200, the 256 byte values 0..255 as application/octet-stream
//   /digest         200, JSON {method, url, headers: {name: sha256 hex of its value}, body: sha256 hex}:
//                   proves what was sent without echoing a secret back to the script
// With TLS_KEY and TLS_CERT in its environment (PEM) it serves https instead of http.
// With --stalled the process listens with a tiny backlog and then freezes its own event loop, so
// the kernel's accept queue fills up and later connections hang in the TCP handshake (a connect
// timeout on loopback).
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

const stalled = process.argv.includes('--stalled');

const tls = process.env.TLS_KEY && process.env.TLS_CERT ? { key: process.env.TLS_KEY, cert: process.env.TLS_CERT } : undefined;
const handler = (request, response) => {
  const chunks = [];
  request.on('data', (c) => chunks.push(c));
  request.on('end', () => {
    const url = new URL(request.url, 'http://127.0.0.1');
    const [, route, arg] = url.pathname.split('/');
    if (route === 'echo') {
      response.writeHead(200, { 'Content-Type': 'application/json', 'X-Echo': 'yes' });
      response.end(
        JSON.stringify({
          method: request.method,
          url: request.url,
          headers: request.headers,
          body: Buffer.concat(chunks).toString('base64'),
        }),
      );
    } else if (route === 'digest') {
      const sha = (v) => createHash('sha256').update(v).digest('hex');
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, sha(String(v))]));
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ method: request.method, url: request.url, headers, body: sha(Buffer.concat(chunks)) }));
    } else if (route === 'status') {
      response.writeHead(Number(arg), [['Content-Type', 'text/plain'], ['X-Status', String(arg)], ['X-Status', 'second']]);
      response.end(`status ${arg}`);
    } else if (route === 'delay') {
      setTimeout(() => {
        response.writeHead(200, { 'Content-Type': 'text/plain' });
        response.end('late');
      }, Number(arg));
    } else if (route === 'bytes') {
      response.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      response.end(Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
    } else {
      response.writeHead(404);
      response.end('not found');
    }
  });
};
const server = tls ? https.createServer(tls, handler) : http.createServer(handler);

server.listen({ host: '127.0.0.1', port: 0, backlog: stalled ? 1 : 511 }, () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n', () => {
    if (stalled) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // freeze forever
  });
});
