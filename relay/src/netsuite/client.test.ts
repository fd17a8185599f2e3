import { describe, expect, it } from 'vitest';
import { systemClock } from '../lib/clock';
import { NetSuiteClient } from './client';

/** A RESTlet that never answers (but, like a real socket, gives up when the caller aborts). */
const neverAnswers: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));

describe('NetSuiteClient', () => {
  it('gives up on a RESTlet that never answers, as a retryable failure', async () => {
    const client = new NetSuiteClient({
      restletUrl: 'https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1&deploy=1',
      auth: { kind: 'tba', credentials: { accountId: '1234567_SB1', consumerKey: 'ck', consumerSecret: 'cs', tokenId: 'ti', tokenSecret: 'ts' } },
      clock: systemClock,
      fetch: neverAnswers,
      timeoutMs: 200,
    });
    const started = Date.now();
    const result = await client.postRestlet({ source: 'webhook', updates: [] });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ ok: false, retryable: true, code: 'NETSUITE_UNREACHABLE' });
  });
});
