/**
 * The connected app the simulated org trusts: its consumer key and secret, and the certificate
 * whose key verifies JWT-bearer assertions. `certificate` is PEM text (an X.509 certificate as
 * uploaded to Salesforce, or a bare public key) or a path to one, relative to the fixture dir.
 */
import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConnectedAppConfig } from '../fixture/org-config';
import type { ConnectedAppSettings } from '../sim-core';

export function publicKeyFrom(certificate: string, baseDir: string): KeyObject {
  const pem = certificate.includes('-----BEGIN') ? certificate : readFileSync(path.resolve(baseDir, certificate), 'utf8');
  return pem.includes('BEGIN CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey(pem);
}

/** Settings from org.json's `connectedApp`, overridden field by field by `override`. */
export function connectedAppSettings(config: ConnectedAppConfig | undefined, override: ConnectedAppConfig | undefined, baseDir: string): ConnectedAppSettings {
  const merged = { ...config, ...override };
  const settings: ConnectedAppSettings = {};
  if (merged.consumerKey) settings.consumerKey = merged.consumerKey;
  if (merged.consumerSecret) settings.consumerSecret = merged.consumerSecret;
  if (merged.certificate) {
    const isPath = !merged.certificate.includes('-----BEGIN');
    if (isPath && !existsSync(path.resolve(baseDir, merged.certificate))) {
      throw new Error(`connectedApp.certificate: ${merged.certificate} does not exist (give PEM text or a path relative to ${baseDir})`);
    }
    settings.publicKey = publicKeyFrom(merged.certificate, baseDir);
  }
  return settings;
}
