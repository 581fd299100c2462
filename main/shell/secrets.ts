// The mail servers' passwords in the Electron app: Electron's safeStorage (the operating system's keychain), checked for
// availability; without a keychain the settings form says passwords cannot be stored (see main/services/secrets.ts).
import { safeStorage } from 'electron';
import { createSafeStorageBox, type SecretBox } from '../services/secrets.ts';

export function electronSecretBox(): SecretBox {
  return createSafeStorageBox(safeStorage);
}
