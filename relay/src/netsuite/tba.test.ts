import { describe, expect, it } from 'vitest';
import { percentEncode, realmOf, signatureBaseString, tbaAuthorization } from './tba';

describe('TBA (OAuth 1.0a)', () => {
  it('builds the RFC 5849 §3.4.1.1 example base string', () => {
    // Parameters of the RFC's example request (body parameters included there; RESTlet calls have none).
    const base = signatureBaseString('post', 'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b', [
      ['oauth_consumer_key', '9djdj82h48djs9d2'],
      ['oauth_token', 'kkk9d7dh3k39sjv7'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131201'],
      ['oauth_nonce', '7d8f3e4a'],
      ['c2', ''],
      ['a3', '2 q'],
    ]);
    expect(base).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
  });

  it('signs with HMAC-SHA256 and the account realm', () => {
    const header = tbaAuthorization({ accountId: '123456-sb1', consumerKey: 'ck', consumerSecret: 'cs', tokenId: 'ti', tokenSecret: 'ts' }, 'POST', 'https://123456-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1&deploy=1', 1_700_000_000, 'abcdef123456');
    expect(header).toMatch(/^OAuth realm="123456_SB1", oauth_consumer_key="ck", oauth_token="ti", oauth_signature_method="HMAC-SHA256", oauth_timestamp="1700000000", oauth_nonce="abcdef123456", oauth_version="1.0", oauth_signature="[A-Za-z0-9%]+"$/);
    expect(realmOf('123456-sb1')).toBe('123456_SB1');
    expect(percentEncode("a b!*'()")).toBe('a%20b%21%2A%27%28%29');
  });
});
