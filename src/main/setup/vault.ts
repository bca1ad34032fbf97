/**
 * Step: where refresh tokens live. keytar first (it is archived upstream and is a native module,
 * so its load may fail: that falls back with a notice, see token-vault.ts), then safeStorage,
 * then memory; never plaintext.
 */
import { safeStorage } from 'electron'
import { createLogger } from '../log'
import { chooseTokenVault, type KeytarLike, type TokenVaultChoice } from '../session/token-vault'
import type { SettingsStore } from '../settings/settings-store'

export async function loadKeytar(): Promise<KeytarLike> {
  // A native module: missing, built for another ABI, or without libsecret on this machine.
  const module = (await import('keytar')) as { default?: KeytarLike } & Partial<KeytarLike>
  return (module.default ?? module) as KeytarLike
}

export function setupVault(settings: SettingsStore): Promise<TokenVaultChoice> {
  return chooseTokenVault({
    loadKeytar,
    safeStorage: {
      isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
      encryptString: (text) => safeStorage.encryptString(text),
      decryptString: (data) => safeStorage.decryptString(data),
      // Only Linux has a choice of backends (and the call); elsewhere it is the OS keystore.
      ...(process.platform === 'linux'
        ? { getSelectedStorageBackend: () => safeStorage.getSelectedStorageBackend() }
        : {}),
    },
    ciphertextStore: {
      read: () => settings.get().safeStorageSecrets,
      write: (secrets) => {
        settings.update({ safeStorageSecrets: secrets })
      },
    },
    log: createLogger('vault'),
  })
}
