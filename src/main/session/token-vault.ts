/**
 * Where refresh tokens live, best first:
 *  1. the OS keychain through keytar (service "Parley", one account per server and user);
 *  2. Electron safeStorage, with only the ciphertext in electron-store, when the keychain is not
 *     reachable (Linux without a Secret Service) but safeStorage really encrypts;
 *  3. memory for this run only (the session says `memory`, and the page tells the person), where
 *     safeStorage would merely obfuscate (Linux `basic_text`). A plaintext secret never lands on disk.
 */
import type { SessionStorageKind } from '../../shared/bridge'

export const KEYCHAIN_SERVICE = 'Parley'

export interface SecretVault {
  readonly kind: SessionStorageKind
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  delete(account: string): Promise<void>
}

/** The part of keytar the vault uses. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

/** The part of Electron's safeStorage the vault uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  /** Linux only in Electron; absent elsewhere. */
  getSelectedStorageBackend?: () => string
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
}

/** Where safeStorage ciphertext is kept (a field of the settings file). */
export interface CiphertextStore {
  read(): Record<string, string>
  write(secrets: Record<string, string>): void
}

export interface VaultLogger {
  info(message: string, details?: Record<string, unknown>): void
  warn(message: string, details?: Record<string, unknown>): void
}

/** One account per server and user. */
export function vaultAccount(serverUrl: string, userId: string): string {
  return `${new URL(serverUrl).origin}#${userId}`
}

export function createKeytarVault(keytar: KeytarLike, service = KEYCHAIN_SERVICE): SecretVault {
  return {
    kind: 'keychain',
    get: (account) => keytar.getPassword(service, account),
    set: (account, secret) => keytar.setPassword(service, account, secret),
    async delete(account) {
      await keytar.deletePassword(service, account)
    },
  }
}

export function createSafeStorageVault(
  safeStorage: SafeStorageLike,
  store: CiphertextStore,
): SecretVault {
  return {
    kind: 'safe-storage',
    async get(account) {
      const ciphertext = store.read()[account]
      if (ciphertext === undefined) return null
      try {
        return safeStorage.decryptString(Buffer.from(ciphertext, 'base64'))
      } catch {
        // Encrypted under another key (a different OS user or a reset keyring): unusable.
        return null
      }
    },
    async set(account, secret) {
      const ciphertext = safeStorage.encryptString(secret).toString('base64')
      store.write({ ...store.read(), [account]: ciphertext })
    },
    async delete(account) {
      const { [account]: _removed, ...rest } = store.read()
      store.write(rest)
    },
  }
}

export function createMemoryVault(): SecretVault {
  const secrets = new Map<string, string>()
  return {
    kind: 'memory',
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => {
      secrets.set(account, secret)
    },
    delete: async (account) => {
      secrets.delete(account)
    },
  }
}

/** safeStorage backends that only obfuscate: a secret under them is as good as plaintext. */
const OBFUSCATING_BACKENDS = new Set(['basic_text', 'unknown'])

export const KEYTAR_LOAD_NOTICE =
  'The keychain module (keytar) could not be loaded; Parley falls back to safeStorage, or to memory for this run, and never stores the sign-in in plaintext'

export interface TokenVaultChoice {
  vault: SecretVault
  /** Why a better vault was passed over, for the log. */
  reasons: string[]
}

export interface TokenVaultDependencies {
  /** Loads keytar; rejects when the native module is missing or cannot load. */
  loadKeytar: () => Promise<KeytarLike>
  safeStorage: SafeStorageLike | null
  ciphertextStore: CiphertextStore
  log: VaultLogger
  /** How long the keychain probe may take before it counts as unreachable. */
  probeTimeoutMs?: number
  service?: string
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error instanceof Error ? error : new Error(String(error)))
      },
    )
  })
}

/** Picks the best vault that really works here. Never throws. */
export async function chooseTokenVault(deps: TokenVaultDependencies): Promise<TokenVaultChoice> {
  const reasons: string[] = []
  const service = deps.service ?? KEYCHAIN_SERVICE
  let keytar: KeytarLike | null = null
  try {
    keytar = await deps.loadKeytar()
  } catch (error) {
    // keytar is archived upstream and native: a build for another Electron ABI, or a missing
    // libsecret, fails here. Say so plainly; the fallbacks below keep sign-in working.
    const reason = error instanceof Error ? error.message : String(error)
    reasons.push(`keychain: keytar could not be loaded (${reason})`)
    deps.log.warn(KEYTAR_LOAD_NOTICE, { error: reason })
  }
  if (keytar) {
    try {
      // keytar loads fine without a Secret Service and fails only when used: probe it once. A
      // locked keyring can leave the call waiting on a prompt, hence the timeout.
      await withTimeout(
        keytar.getPassword(service, '__parley_probe__'),
        deps.probeTimeoutMs ?? 5000,
        'Keychain probe',
      )
      deps.log.info('Refresh tokens are kept in the OS keychain')
      return { vault: createKeytarVault(keytar, service), reasons }
    } catch (error) {
      reasons.push(`keychain: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  const safeStorage = deps.safeStorage
  if (safeStorage) {
    let backend: string | null
    try {
      // Linux only; elsewhere safeStorage always uses the OS keystore.
      backend = safeStorage.getSelectedStorageBackend?.() ?? null
    } catch {
      backend = null
    }
    if (!safeStorage.isEncryptionAvailable()) {
      reasons.push('safeStorage: encryption is not available')
    } else if (backend !== null && OBFUSCATING_BACKENDS.has(backend)) {
      reasons.push(`safeStorage: the "${backend}" backend only obfuscates`)
    } else {
      deps.log.info('Refresh tokens are kept encrypted with safeStorage', { backend, reasons })
      return {
        vault: createSafeStorageVault(safeStorage, deps.ciphertextStore),
        reasons,
      }
    }
  } else {
    reasons.push('safeStorage: not provided')
  }

  deps.log.warn('Refresh tokens are kept in memory for this run only', { reasons })
  return { vault: createMemoryVault(), reasons }
}
