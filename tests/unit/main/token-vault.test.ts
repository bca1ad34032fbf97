/**
 * The refresh-token vault. With a D-Bus session and an unlocked gnome-keyring (scripts/with-keyring.sh,
 * which `npm run test:unit` uses) keytar must really store, read and delete the secret there. Without
 * a Secret Service (a child process with no D-Bus and no display) keytar must fail and the vault fall
 * back: to safeStorage ciphertext when that really encrypts, else to memory (the page then tells the person).
 */
import { spawn } from 'node:child_process'
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { afterAll, describe, expect, it } from 'vitest'
import {
  chooseTokenVault,
  createKeytarVault,
  KEYCHAIN_SERVICE,
  KEYTAR_LOAD_NOTICE,
  vaultAccount,
  type CiphertextStore,
  type KeytarLike,
  type SafeStorageLike,
} from '../../../src/main/session/token-vault'
import { createSessionService } from '../../../src/main/session/session-service'
import {
  createSettingsStore,
  memorySettingsBackend,
} from '../../../src/main/settings/settings-store'
import { recordingLog, startReferenceServer } from './helpers'

const require = createRequire(import.meta.url)
const repoRoot = new URL('../../../', import.meta.url).pathname
const hasSessionBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS)
const NO_BUS_REASON =
  'no D-Bus session bus here (DBUS_SESSION_BUS_ADDRESS unset): run under scripts/with-keyring.sh, as `npm run test:unit` does'

function loadRealKeytar(): KeytarLike {
  return require('keytar') as KeytarLike
}

/** keytar, but every call made in a child process with no D-Bus session and no display. */
function keytarWithoutSecretService(): KeytarLike {
  const call = (method: string, args: string[]) =>
    new Promise<unknown>((resolve, reject) => {
      const env = { ...process.env }
      delete env.DBUS_SESSION_BUS_ADDRESS
      delete env.DISPLAY
      delete env.WAYLAND_DISPLAY
      const script = `require('keytar')[${JSON.stringify(method)}](...${JSON.stringify(args)}).then(
        (value) => process.stdout.write(JSON.stringify({ ok: true, value: value ?? null })),
        (error) => process.stdout.write(JSON.stringify({ ok: false, message: String(error && error.message || error) })))`
      const child = spawn(process.execPath, ['-e', script], { cwd: repoRoot, env })
      let out = ''
      let err = ''
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
      child.on('close', () => {
        try {
          const result = JSON.parse(out) as { ok: boolean; value?: unknown; message?: string }
          if (result.ok) resolve(result.value)
          else reject(new Error(result.message))
        } catch {
          reject(new Error(`keytar child failed: ${err.trim() || out.trim()}`))
        }
      })
    })
  return {
    getPassword: (service, account) =>
      call('getPassword', [service, account]) as Promise<string | null>,
    setPassword: async (service, account, password) => {
      await call('setPassword', [service, account, password])
    },
    deletePassword: (service, account) =>
      call('deletePassword', [service, account]) as Promise<boolean>,
  }
}

/** A safeStorage stand-in that really encrypts (AES-256-GCM), reporting a chosen Linux backend. */
function fakeSafeStorage(
  backend: string,
  available = true,
): SafeStorageLike & { encrypted: number } {
  const key = randomBytes(32)
  const fake = {
    encrypted: 0,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(plainText: string): Buffer {
      fake.encrypted += 1
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    decryptString(encrypted: Buffer): string {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12))
      decipher.setAuthTag(encrypted.subarray(12, 28))
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString()
    },
  }
  return fake
}

function memoryCiphertextStore(): CiphertextStore & { data: Record<string, string> } {
  const store = {
    data: {} as Record<string, string>,
    read: () => ({ ...store.data }),
    write: (secrets: Record<string, string>) => {
      store.data = { ...secrets }
    },
  }
  return store
}

const SECRET = `refresh-${randomBytes(8).toString('hex')}`
const account = vaultAccount('https://calls.example.test', `vault-test-${process.pid}`)

describe('token vault: the OS keychain (gnome-keyring over D-Bus)', () => {
  afterAll(async () => {
    if (hasSessionBus) await loadRealKeytar().deletePassword(KEYCHAIN_SERVICE, account)
  })

  it('is chosen when the Secret Service answers', async (context) => {
    if (!hasSessionBus) context.skip(NO_BUS_REASON)
    const choice = await chooseTokenVault({
      loadKeytar: async () => loadRealKeytar(),
      safeStorage: fakeSafeStorage('gnome_libsecret'),
      ciphertextStore: memoryCiphertextStore(),
      log: recordingLog(),
    })
    expect(choice.vault.kind).toBe('keychain')
  })

  it('stores, reads and deletes the refresh token in gnome-keyring under service "Parley"', async (context) => {
    if (!hasSessionBus) context.skip(NO_BUS_REASON)
    const keytar = loadRealKeytar()
    const vault = createKeytarVault(keytar)
    await vault.set(account, SECRET)
    // Read back through keytar directly, and see it listed under the Parley service.
    expect(await keytar.getPassword('Parley', account)).toBe(SECRET)
    const listed = await (
      keytar as KeytarLike & {
        findCredentials(service: string): Promise<{ account: string; password: string }[]>
      }
    ).findCredentials('Parley')
    expect(listed.map((entry) => entry.account)).toContain(account)
    expect(await vault.get(account)).toBe(SECRET)
    await vault.delete(account)
    expect(await keytar.getPassword('Parley', account)).toBeNull()
    expect(await vault.get(account)).toBeNull()
  })
})

describe('token vault: fallbacks when no Secret Service is reachable', () => {
  it('keytar itself fails without a D-Bus session (a real child process)', async () => {
    const error = await keytarWithoutSecretService()
      .getPassword(KEYCHAIN_SERVICE, 'probe')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(/D-?Bus|X11|secret/i)
  })

  it('falls back to memory where safeStorage only obfuscates (basic_text)', async () => {
    const store = memoryCiphertextStore()
    const safeStorage = fakeSafeStorage('basic_text')
    const log = recordingLog()
    const choice = await chooseTokenVault({
      loadKeytar: async () => keytarWithoutSecretService(),
      safeStorage,
      ciphertextStore: store,
      log,
    })
    expect(choice.vault.kind).toBe('memory')
    expect(choice.reasons.join('\n')).toMatch(/keychain: .*(D-?Bus|X11|secret)/i)
    expect(choice.reasons.join('\n')).toMatch(/basic_text/)
    await choice.vault.set(account, SECRET)
    expect(await choice.vault.get(account)).toBe(SECRET)
    // Nothing written anywhere: not even obfuscated.
    expect(store.data).toEqual({})
    expect(safeStorage.encrypted).toBe(0)
    expect(log.lines.some((line) => line.level === 'warn')).toBe(true)
  })

  it('falls back to safeStorage ciphertext in the store where it really encrypts (gnome_libsecret)', async () => {
    const store = memoryCiphertextStore()
    const choice = await chooseTokenVault({
      loadKeytar: async () => keytarWithoutSecretService(),
      safeStorage: fakeSafeStorage('gnome_libsecret'),
      ciphertextStore: store,
      log: recordingLog(),
    })
    expect(choice.vault.kind).toBe('safe-storage')
    await choice.vault.set(account, SECRET)
    const stored = store.data[account]
    expect(stored).toBeTruthy()
    expect(JSON.stringify(store.data)).not.toContain(SECRET)
    expect(Buffer.from(stored ?? '', 'base64').toString('utf8')).not.toContain(SECRET)
    expect(await choice.vault.get(account)).toBe(SECRET)
    await choice.vault.delete(account)
    expect(store.data).toEqual({})
    expect(await choice.vault.get(account)).toBeNull()
  })

  it('falls back when the keytar module cannot load at all', async () => {
    const log = recordingLog()
    const choice = await chooseTokenVault({
      loadKeytar: async () => {
        throw new Error('Cannot find module keytar.node')
      },
      safeStorage: fakeSafeStorage('kwallet5'),
      ciphertextStore: memoryCiphertextStore(),
      log,
    })
    expect(choice.vault.kind).toBe('safe-storage')
    expect(choice.reasons[0]).toMatch(/keytar could not be loaded \(Cannot find module/)
    expect(log.lines).toContainEqual({
      level: 'warn',
      message: KEYTAR_LOAD_NOTICE,
      details: { error: 'Cannot find module keytar.node' },
    })
  })

  it('keeps sign-in working when keytar fails to load and safeStorage only obfuscates', async () => {
    const server = await startReferenceServer()
    try {
      const choice = await chooseTokenVault({
        loadKeytar: async () => {
          throw new Error('was compiled against a different Node.js version (NODE_MODULE_VERSION)')
        },
        safeStorage: fakeSafeStorage('basic_text'),
        ciphertextStore: memoryCiphertextStore(),
        log: recordingLog(),
      })
      expect(choice.vault.kind).toBe('memory')
      const settings = createSettingsStore(memorySettingsBackend(), recordingLog())
      const session = createSessionService({
        fetch: (input, init) => fetch(input, init),
        vault: choice.vault,
        settings,
        embeddedServer: { ensure: async () => null, current: () => null },
        log: recordingLog(),
      })
      const info = await session.signIn({ serverUrl: server.url, username: 'Ada' })
      expect(info).toMatchObject({ storage: 'memory', user: { displayName: 'Ada' } })
      expect(await session.getAccessToken()).toMatch(/^ey/)
      // Nothing about the token reached the settings file.
      expect(JSON.stringify(settings.get())).not.toMatch(/ey[A-Za-z0-9_-]{20,}/)
      session.dispose()
    } finally {
      await server.close()
    }
  })

  it('treats a keychain that never answers (a locked keyring prompt) as unreachable', async () => {
    const hanging: KeytarLike = {
      getPassword: () => new Promise(() => undefined),
      setPassword: () => new Promise(() => undefined),
      deletePassword: () => new Promise(() => undefined),
    }
    const choice = await chooseTokenVault({
      loadKeytar: async () => hanging,
      safeStorage: fakeSafeStorage('basic_text'),
      ciphertextStore: memoryCiphertextStore(),
      log: recordingLog(),
      probeTimeoutMs: 50,
    })
    expect(choice.vault.kind).toBe('memory')
    expect(choice.reasons[0]).toMatch(/timed out/)
  })

  it('keeps to memory when safeStorage has no encryption or is missing', async () => {
    for (const safeStorage of [fakeSafeStorage('gnome_libsecret', false), null]) {
      const choice = await chooseTokenVault({
        loadKeytar: async () => keytarWithoutSecretService(),
        safeStorage,
        ciphertextStore: memoryCiphertextStore(),
        log: recordingLog(),
      })
      expect(choice.vault.kind).toBe('memory')
    }
  })

  it('reads ciphertext it cannot decrypt as no token, not a crash', async () => {
    const store = memoryCiphertextStore()
    store.data[account] = Buffer.from('not ciphertext').toString('base64')
    const choice = await chooseTokenVault({
      loadKeytar: async () => keytarWithoutSecretService(),
      safeStorage: fakeSafeStorage('gnome_libsecret'),
      ciphertextStore: store,
      log: recordingLog(),
    })
    expect(await choice.vault.get(account)).toBeNull()
  })
})
