import { describe, expect, it } from 'vitest';
import { configureIo } from '../io/io-state.js';
import { testContext } from '../io/test-context.js';
import { createUrlModule } from './url.js';

/** Just the SDF project shape url.ts reads. */
function fakeAccount() {
  const deployment = (scriptid: string, number: number) => ({ scriptid, number, status: 'RELEASED', isdeployed: true });
  return {
    accountId: '1234567_SB1',
    sdf: {
      scripts: new Map([
        ['customscript_io_rl', { scriptid: 'customscript_io_rl', scriptType: 'Restlet', internalId: 501, deployments: [deployment('customdeploy_io_rl', 1)] }],
        ['customscript_io_sl', { scriptid: 'customscript_io_sl', scriptType: 'Suitelet', internalId: 502, deployments: [deployment('customdeploy_io_sl_a', 1), deployment('customdeploy_io_sl_b', 2)] }],
        ['customscript_io_mr', { scriptid: 'customscript_io_mr', scriptType: 'MapReduceScript', internalId: 503, deployments: [deployment('customdeploy_io_mr', 1)] }],
      ]),
      secrets: new Set<string>(),
    },
  };
}

describe('N/url', () => {
  it('resolves RESTlet and Suitelet URLs with numeric ids, relative or external', () => {
    const account = fakeAccount();
    const io = configureIo(account);
    const url = createUrlModule(testContext(account));
    expect(url.resolveScript({ scriptId: 'customscript_io_rl', deploymentId: 'customdeploy_io_rl', params: { a: 'x y' } })).toBe(
      '/app/site/hosting/restlet.nl?script=501&deploy=1&a=x%20y',
    );
    expect(url.resolveScript({ scriptId: 'customscript_io_rl', deploymentId: 'customdeploy_io_rl', returnExternalUrl: true })).toBe(
      'https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=501&deploy=1',
    );
    expect(url.resolveScript({ scriptId: 502, deploymentId: 'customdeploy_io_sl_b', returnExternalUrl: true })).toBe(
      'https://1234567-sb1.extforms.netsuite.com/app/site/hosting/scriptlet.nl?script=502&deploy=2&compid=1234567_SB1',
    );
    io.serverOrigin = 'http://127.0.0.1:43210';
    expect(url.resolveScript({ scriptId: 'customscript_io_rl', deploymentId: 1, returnExternalUrl: true })).toBe(
      'http://127.0.0.1:43210/app/site/hosting/restlet.nl?script=501&deploy=1',
    );
    expect(url.resolveDomain({ hostType: url.HostType.APPLICATION })).toBe('127.0.0.1:43210');
  });

  it('refuses unknown scripts and scripts without URLs', () => {
    const account = fakeAccount();
    const url = createUrlModule(testContext(account));
    expect(() => url.resolveScript({ scriptId: 'customscript_nope', deploymentId: 1 })).toThrow(
      expect.objectContaining({ name: 'SSS_INVALID_SCRIPTLET_ID' }),
    );
    expect(() => url.resolveScript({ scriptId: 'customscript_io_mr', deploymentId: 1 })).toThrow(
      expect.objectContaining({ name: 'SSS_INVALID_SCRIPTLET_ID' }),
    );
  });

  it('resolves record pages, domains and formats', () => {
    const account = fakeAccount();
    const url = createUrlModule(testContext(account));
    expect(url.resolveRecord({ recordType: 'itemfulfillment', recordId: 77, isEditMode: true })).toBe(
      '/app/accounting/transactions/itemship.nl?id=77&e=T',
    );
    expect(url.resolveRecord({ recordType: 'customrecord_mlfx_shipment', recordId: 5 })).toBe(
      '/app/common/custom/custrecordentry.nl?rectype=customrecord_mlfx_shipment&id=5',
    );
    expect(url.resolveDomain({ hostType: 'RESTLET' })).toBe('1234567-sb1.restlets.api.netsuite.com');
    expect(url.resolveDomain({ hostType: 'SUITETALK', accountId: '999' })).toBe('999.suitetalk.api.netsuite.com');
    expect(url.format({ domain: 'https://x.test/p', params: { q: 'a&b', n: 1 } })).toBe('https://x.test/p?q=a%26b&n=1');
  });
});
