// DEMO ONLY: never load this into a relay that serves anyone. `npm run demo` preloads it into the
// built relay (node --import) so that the relay's clock moves with the demo's accelerated clock.
//
// Why: the demo runs a day and a half of shipping in seconds. NetSuite's account clock and FedEx's
// clock are the doubles' and jump forward on the demo's command; the relay checks NetSuite's HMAC
// timestamps against its OWN clock (5-minute window), expires FedEx tokens by it and signs its
// NetSuite M2M assertions with it, so its clock must jump with them. The built relay has no clock
// hook (production has no use for one), and the demo must run the relay exactly as built and as an
// operator configures it (environment variables only). So this preload offsets the process's Date
// (Date.now() and new Date()) by an amount the demo controls: MLFX_DEMO_CLOCK_OFFSET_MS at start,
// then { type: 'mlfx-demo-clock', offsetMs } messages over the IPC channel the demo opens. Timers
// are untouched: a wait of 100 ms still takes 100 ms.
const RealDate = globalThis.Date;
const realNow = RealDate.now.bind(RealDate);
let offsetMs = Number(process.env.MLFX_DEMO_CLOCK_OFFSET_MS ?? 0) || 0;
const now = () => realNow() + offsetMs;

globalThis.Date = new Proxy(RealDate, {
  construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget),
  apply: () => new RealDate(now()).toString(),
  get: (target, property, receiver) => (property === 'now' ? now : Reflect.get(target, property, receiver)),
});

if (process.send) {
  process.on('message', (message) => {
    if (message?.type !== 'mlfx-demo-clock') return;
    // Forward only, as on the demo's other clocks: the relay's limiters remember when they let a call out.
    offsetMs = Math.max(offsetMs, Number(message.offsetMs) || 0);
    process.send({ type: 'mlfx-demo-clock-ack', now: now() });
  });
  // The demo went away (crashed, killed): stop as an operator would stop the relay.
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  process.channel?.unref();
}
