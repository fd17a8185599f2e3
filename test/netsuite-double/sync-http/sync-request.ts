// A blocking HTTP request, because SuiteScript's https.request blocks the script until the answer
// arrives. A worker thread (worker.mjs) performs the request while this thread sleeps in
// Atomics.wait on a SharedArrayBuffer; the reply comes back over a MessageChannel and is read
// synchronously with receiveMessageOnPort.
//
// CONSEQUENCE FOR TESTS: while a script waits here, this thread's event loop is frozen. A server
// the script calls (the relay, the FedEx double, the account's own HTTP server) must therefore
// run in ANOTHER thread or process; one listening on this thread could never answer, and the
// call would end in SSS_REQUEST_TIME_EXCEEDED.
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

export interface SyncHttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  /** Time allowed to open the TCP connection (NetSuite: 5 s). */
  connectTimeoutMs: number;
  /** Time allowed for the whole exchange (NetSuite: 45 s). */
  totalTimeoutMs: number;
  /** PEM certificates trusted for https instead of Node's default list. */
  ca?: string[];
}

export type SyncHttpOutcome =
  | { kind: 'response'; status: number; rawHeaders: string[]; body: Uint8Array }
  | { kind: 'connect-timeout' }
  | { kind: 'timeout' }
  | { kind: 'refused'; message: string }
  | { kind: 'unknown-host'; message: string }
  | { kind: 'bad-certificate'; message: string }
  | { kind: 'closed'; message: string };

interface Channel {
  worker: Worker;
  port: MessagePort;
}

let channel: Channel | undefined;
let lastId = 0;

/** One worker per thread, started on first use and never keeping the process alive. */
function openChannel(): Channel {
  if (channel) return channel;
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL('./worker.mjs', import.meta.url), {
    workerData: { port: port2 },
    transferList: [port2],
  });
  worker.unref();
  port1.unref();
  worker.on('error', () => {
    channel = undefined; // the next request starts a fresh worker
  });
  channel = { worker, port: port1 };
  return channel;
}

/** How long past the total timeout the caller still waits for the worker to report it. */
const WORKER_GRACE_MS = 2_000;

/** Sends the request and blocks this thread until its outcome is known. */
export function requestSync(request: SyncHttpRequest): SyncHttpOutcome {
  const { port } = openChannel();
  const id = ++lastId;
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const body = request.body ? new Uint8Array(request.body) : undefined; // a copy the worker may own
  port.postMessage({ ...request, body, id, signal }, body ? [body.buffer] : []);
  Atomics.wait(signal, 0, 0, request.totalTimeoutMs + WORKER_GRACE_MS);
  // Replies of earlier requests that outlived their caller are drained and dropped.
  for (let reply = receiveMessageOnPort(port); reply; reply = receiveMessageOnPort(port)) {
    const message = reply.message as { id: number; outcome: SyncHttpOutcome };
    if (message.id === id) return message.outcome;
  }
  return { kind: 'timeout' };
}
