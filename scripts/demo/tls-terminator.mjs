// DEMO ONLY: the https front of the demo's relay. NetSuite's N/https calls only https:// URLs, and
// the relay speaks plain HTTP: in production a load balancer or reverse proxy terminates TLS in
// front of it. This is that proxy for the demo, on 127.0.0.1, with a throwaway certificate the
// demo's NetSuite account trusts (and nothing else does). It forwards every request unchanged
// (method, path, headers, body: the relay checks NetSuite's HMAC over them) and adds
// X-Forwarded-For / X-Forwarded-Proto as a proxy would.
//
//   MLFX_TLS_KEY, MLFX_TLS_CERT: PEM text; MLFX_TLS_TARGET: http://127.0.0.1:<relay port>
// Prints TLS_URL=https://127.0.0.1:<port> when it listens.
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:https';

const target = new URL(process.env.MLFX_TLS_TARGET ?? '');
const server = createServer({ key: process.env.MLFX_TLS_KEY, cert: process.env.MLFX_TLS_CERT }, (req, res) => {
  const upstream = httpRequest(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '', 'x-forwarded-proto': 'https' } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'RELAY_UNAVAILABLE', message: `the relay behind the TLS proxy did not answer: ${error.message}`, retryable: true } }));
  });
  req.pipe(upstream);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`TLS_URL=https://127.0.0.1:${server.address().port}\n`));
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// Closes with the demo even if it could not say so.
process.stdin.on('end', stop).resume();
