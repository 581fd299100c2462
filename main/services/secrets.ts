// Secrets (the mail servers' passwords) are stored encrypted, never in plain text. In the Electron app that is Electron's
// safeStorage (the operating system's keychain: main/shell/secrets.ts); where safeStorage does not exist (the CLI, the
// tests, plain Node) it is this clearly separate fallback: AES-256-GCM with a random key in a file of its own in the data
// folder (mail-secret.key, mode 0600). The fallback protects the database file alone (a copied or backed-up database
// holds no readable password); whoever can read the data folder's key file can read the passwords, as with any
// key stored next to its data. Each stored value names its method, so a value is only ever opened by the method that made it.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fail } from './errors.ts';

export interface SecretBox {
  /** safeStorage (the operating system's keychain) or keyfile (the fallback outside Electron). */
  readonly method: 'safeStorage' | 'keyfile';
  /** Whether secrets can be stored at all (safeStorage without a keychain: no; the user is told). */
  available(): boolean;
  /** The stored form: "<method>:v1:..." (never the plain text). */
  seal(plain: string): string;
  open(stored: string): string;
}

export const SECRET_KEY_FILE = 'mail-secret.key';

/** The fallback outside Electron: a 256-bit key in <dataDir>/mail-secret.key (0600), made on first use. */
export function createKeyFileSecretBox(dataDir: string): SecretBox {
  const file = path.join(dataDir, SECRET_KEY_FILE);
  let key: Buffer | null = null;
  const loadKey = (): Buffer => {
    if (key) return key;
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    const read = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (read.length !== 32) fail('secret_storage_unavailable', { reason: 'key file damaged' });
    key = read;
    return read;
  };
  return {
    method: 'keyfile',
    available: () => true,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', loadKey(), iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `keyfile:v1:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${data.toString('base64')}`;
    },
    open(stored) {
      const [method, version, iv, tag, data] = stored.split(':');
      if (method !== 'keyfile' || version !== 'v1' || !iv || !tag || data === undefined) fail('secret_unreadable', { method: method ?? null });
      try {
        const decipher = createDecipheriv('aes-256-gcm', loadKey(), Buffer.from(iv, 'base64'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        return fail('secret_unreadable', { method });
      }
    },
  };
}

/** A box from an encrypt/decrypt pair (Electron's safeStorage, handed in by the shell). */
export function createSafeStorageBox(safe: {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?: () => string;
  encryptString(plain: string): Buffer;
  decryptString(data: Buffer): string;
}): SecretBox {
  // On Linux without a keyring safeStorage falls back to a hard-coded key ("basic_text"): that is no protection, so it
  // counts as unavailable and the settings form says so (no silent plain-text fallback).
  const available = () => safe.isEncryptionAvailable() && safe.getSelectedStorageBackend?.() !== 'basic_text';
  return {
    method: 'safeStorage',
    available,
    seal(plain) {
      if (!available()) fail('secret_storage_unavailable');
      return `safeStorage:v1:${safe.encryptString(plain).toString('base64')}`;
    },
    open(stored) {
      const [method, version, data] = stored.split(':');
      if (method !== 'safeStorage' || version !== 'v1' || data === undefined || !available()) fail('secret_unreadable', { method: method ?? null });
      try {
        return safe.decryptString(Buffer.from(data, 'base64'));
      } catch {
        return fail('secret_unreadable', { method });
      }
    },
  };
}
