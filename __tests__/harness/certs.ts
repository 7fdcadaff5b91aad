import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from './processes.js';

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
