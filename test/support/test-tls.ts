// A throwaway TLS identity for the end-to-end stack, made at test time: NetSuite's N/https refuses
// http:// URLs, so the relay the NetSuite double calls listens on https://127.0.0.1 with a
// self-signed certificate for that address, and the double trusts exactly this certificate (its
// https.trustedCertificates), nothing else. Made once per test process with the openssl CLI
// (Debian's openssl package; .ci/run installs it when missing). Never used outside tests and
// `npm run demo` (whose relay front presents it to the demo's NetSuite account).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestTlsIdentity {
  /** PEM private key (the relay's). */
  key: string;
  /** PEM certificate for IP 127.0.0.1 and localhost, self-signed: also the one CA the double trusts. */
  cert: string;
  /** The certificate as a file, for NODE_EXTRA_CA_CERTS of child processes (removed at exit). */
  certPath: string;
}

let identity: TestTlsIdentity | undefined;

export function testTlsIdentity(): TestTlsIdentity {
  if (identity) return identity;
  const dir = mkdtempSync(join(tmpdir(), 'mlfx-e2e-tls-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', keyPath, '-out', certPath, '-days', '2',
        '-subj', '/CN=mlfx e2e relay (test only)',
        '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-addext', 'basicConstraints=critical,CA:TRUE',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    identity = { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath };
    return identity;
  } finally {
    rmSync(keyPath, { force: true });
  }
}
