import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import tls from 'node:tls';
import { runCommand } from './processes.js';
import { ROOT } from './tools.js';

export interface TestCertificate {
  certPath: string;
  keyPath: string;
  certPem: string;
  keyPem: string;
  /** The certificate's DER bytes, base64: what a JWT's `x5c` header carries. */
  certDerBase64: string;
}

/** A throw-away self-signed certificate made with openssl, valid for two days. */
export async function makeSelfSignedCert(
  dir: string,
  commonName: string,
  sans: string[] = [],
): Promise<TestCertificate> {
  const certPath = join(dir, `${commonName}.crt`);
  const keyPath = join(dir, `${commonName}.key`);
  const args = [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-keyout',
    keyPath,
    '-out',
    certPath,
    '-subj',
    `/CN=${commonName}`,
  ];
  if (sans.length) args.push('-addext', `subjectAltName=${sans.join(',')}`);
  const made = await runCommand('openssl', args);
  if (made.code !== 0) throw new Error(`openssl req failed: ${made.stderr}`);
  const certPem = await readFile(certPath, 'utf8');
  const keyPem = await readFile(keyPath, 'utf8');
  const certDerBase64 = certPem
    .replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
    .replace(/\s+/g, '');
  return { certPath, keyPath, certPem, keyPem, certDerBase64 };
}

/**
 * The test CA and the server certificate it signed for 127.0.0.1, localhost and ::1, which
 * the HTTPS fakes (ACR, Entra ID, GitHub OIDC) serve. `acr/test-ca.sh` makes them once;
 * scripts/test.sh (and jest's globalSetup, when jest runs alone) export `NODE_EXTRA_CA_CERTS`
 * pointing at `bundlePath` before any test process starts, because Node reads it only then.
 */
export interface TestCa {
  dir: string;
  caPath: string;
  /** The test CA plus what NODE_EXTRA_CA_CERTS named when the script ran: export this one. */
  bundlePath: string;
  caPem: string;
  /** A directory holding only the CA, for skopeo's `--cert-dir` (it pairs `.key` files up). */
  trustDir: string;
  serverCertPem: string;
  serverKeyPem: string;
}

export const TEST_CA_DIR = resolve(ROOT, '.tools', 'test-ca');

export async function testCa(dir = TEST_CA_DIR): Promise<TestCa> {
  const made = await runCommand('bash', [resolve(ROOT, '__tests__/harness/acr/test-ca.sh'), dir]);
  if (made.code !== 0) throw new Error(`test-ca.sh failed: ${made.stderr}`);
  const caPath = join(dir, 'ca.crt');
  return {
    dir,
    caPath,
    bundlePath: join(dir, 'bundle.crt'),
    caPem: await readFile(caPath, 'utf8'),
    trustDir: join(dir, 'trust'),
    serverCertPem: await readFile(join(dir, 'server.crt'), 'utf8'),
    serverKeyPem: await readFile(join(dir, 'server.key'), 'utf8'),
  };
}

/**
 * Makes this process trust the test CA too. Child processes get `NODE_EXTRA_CA_CERTS`; a jest
 * run of a single file runs in band, in the process that ran globalSetup, which started
 * before the variable was set. Node 24's `tls.setDefaultCACertificates` covers that case.
 */
export function trustTestCaInProcess(ca: Pick<TestCa, 'caPem'>): void {
  const normalize = (pem: string): string => pem.replace(/\s+/g, '');
  const current = tls.getCACertificates('default');
  if (current.some((pem) => normalize(pem) === normalize(ca.caPem))) return;
  tls.setDefaultCACertificates([...current, ca.caPem]);
}
