/**
 * The session service against the real reference server on loopback: sign-in, refresh before
 * expiry with rotating refresh tokens, sign-out with revocation, restore at start-up, and the
 * embedded default. Only the clock, the timers and the vault are fakes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../src/server/index'
import { API_PATHS } from '../../../src/shared/protocol'
import { AUTH_PHRASES } from '../../../src/shared/auth/auth-messages'
import { englishText } from '../../../src/shared/i18n/phrase'
import { parseBridgeError } from '../../../src/shared/bridge'
import {
  createSessionService,
  type SessionService,
} from '../../../src/main/session/session-service'
import { vaultAccount } from '../../../src/main/session/token-vault'
import {
  createSettingsStore,
  memorySettingsBackend,
  type SettingsStore,
} from '../../../src/main/settings/settings-store'
import {
  flushPromises,
  inspectableVault,
  manualTimers,
  recordingLog,
  saidIn,
  startReferenceServer,
} from './helpers'

let server: RunningServer
let services: SessionService[] = []

beforeAll(async () => {
  server = await startReferenceServer({ ACCESS_TOKEN_TTL_SECONDS: '60' })
})
afterAll(async () => {
  await server.close()
})
afterEach(() => {
  for (const service of services) service.dispose()
  services = []
})

function setup(
  options: {
    settings?: SettingsStore
    vault?: ReturnType<typeof inspectableVault>
    embeddedUrl?: string | null
  } = {},
) {
  let clock = 1_700_000_000_000
  const timers = manualTimers()
  const vault = options.vault ?? inspectableVault('keychain')
  const settings = options.settings ?? createSettingsStore(memorySettingsBackend(), recordingLog())
  const changes: unknown[] = []
  let embeddedStarted = 0
  const embeddedUrl = options.embeddedUrl ?? null
  const service = createSessionService({
    fetch: (input, init) => fetch(input, init),
    vault,
    settings,
    embeddedServer: {
      ensure: async () => {
        embeddedStarted += 1
        return embeddedUrl ? { url: embeddedUrl } : null
      },
      current: () => (embeddedUrl && embeddedStarted > 0 ? { url: embeddedUrl } : null),
    },
    now: () => clock,
    timers,
    log: recordingLog(),
  })
  service.onChange((session) => changes.push(session))
  services.push(service)
  return {
    service,
    vault,
    settings,
    timers,
    changes,
    advance: (ms: number) => {
      clock += ms
    },
    embeddedStarts: () => embeddedStarted,
  }
}

async function refreshWith(refreshToken: string): Promise<number> {
  const response = await fetch(`${server.url}${API_PATHS.refresh}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
  })
  return response.status
}

async function rtcConfigStatus(accessToken: string): Promise<number> {
  const response = await fetch(`${server.url}${API_PATHS.rtcConfig}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  })
  return response.status
}

describe('session service (real reference server)', () => {
  it('reads the server’s sign-in mode', async () => {
    const { service } = setup()
    const info = await service.getServerInfo({ serverUrl: server.url })
    expect(info).toEqual({ serverUrl: server.url, authMode: 'guest', embedded: false })
  })

  it('signs in, keeps the refresh token in the vault only, and hands out a working access token', async () => {
    const { service, vault, settings, changes } = setup()
    const session = await service.signIn({ serverUrl: `${server.url}/`, username: 'Ada' })
    expect(session.serverUrl).toBe(server.url)
    expect(session.user.displayName).toBe('Ada')
    expect(session.storage).toBe('keychain')
    expect(session.embedded).toBe(false)
    expect(changes).toEqual([session])

    const account = vaultAccount(server.url, session.user.id)
    const refreshToken = vault.entries.get(account)
    expect(refreshToken).toBeTruthy()
    // The refresh token is in neither what the renderer sees nor the settings file.
    expect(JSON.stringify(session)).not.toContain(refreshToken)
    expect(JSON.stringify(settings.get())).not.toContain(refreshToken)
    expect(settings.get().session).toEqual({
      serverUrl: server.url,
      userId: session.user.id,
      storage: 'keychain',
      guest: true,
    })
    expect(settings.get().serverUrl).toBe(server.url)

    const accessToken = await service.getAccessToken()
    expect(accessToken).not.toContain(refreshToken)
    expect(await rtcConfigStatus(accessToken)).toBe(200)
  })

  it('refreshes the access token before it expires and saves the rotated refresh token', async () => {
    const { service, vault, advance } = setup()
    const session = await service.signIn({ serverUrl: server.url, username: 'Grace' })
    const account = vaultAccount(server.url, session.user.id)
    const firstRefresh = vault.entries.get(account) ?? ''
    await service.getAccessToken()
    expect(vault.entries.get(account)).toBe(firstRefresh)

    // 60 s lifetime: refreshed 12 s (a fifth) before expiry, so at 49 s a token is renewed.
    // (The server's JWTs carry whole seconds, so the new access token may equal the old one;
    // the rotated refresh token is what shows a refresh happened.)
    advance(49_000)
    const secondAccess = await service.getAccessToken()
    expect(await rtcConfigStatus(secondAccess)).toBe(200)
    const secondRefresh = vault.entries.get(account) ?? ''
    expect(secondRefresh).not.toBe(firstRefresh)
    // Rotation: the old refresh token is spent on the server.
    expect(await refreshWith(firstRefresh)).toBe(401)
  })

  it('asks in parallel share one refresh', async () => {
    const { service, vault, advance } = setup()
    const session = await service.signIn({ serverUrl: server.url, username: 'Lin' })
    advance(55_000)
    const tokens = await Promise.all([service.getAccessToken(), service.getAccessToken()])
    expect(tokens[0]).toBe(tokens[1])
    const stored = vault.entries.get(vaultAccount(server.url, session.user.id)) ?? ''
    // The one stored token is still valid: no second rotation spent it.
    expect(await refreshWith(stored)).toBe(200)
  })

  it('refreshes on its own timer ahead of expiry', async () => {
    const { service, timers, vault } = setup()
    const session = await service.signIn({ serverUrl: server.url, username: 'Timer' })
    const account = vaultAccount(server.url, session.user.id)
    const before = vault.entries.get(account)
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([48_000])
    timers.fireAll()
    await expect.poll(() => vault.entries.get(account) !== before).toBe(true)
    // The next refresh is scheduled again.
    await expect.poll(() => timers.pending.size).toBe(1)
    expect(await rtcConfigStatus(await service.getAccessToken())).toBe(200)
  })

  it('signs out: revokes on the server, deletes the vault entry, tells listeners', async () => {
    const { service, vault, settings, changes } = setup()
    const session = await service.signIn({ serverUrl: server.url, username: 'Bye' })
    const account = vaultAccount(server.url, session.user.id)
    const refreshToken = vault.entries.get(account) ?? ''
    await service.signOut()
    expect(vault.entries.has(account)).toBe(false)
    expect(await refreshWith(refreshToken)).toBe(401)
    expect(service.getSession()).toBeNull()
    expect(settings.get().session).toBeNull()
    expect(changes.at(-1)).toBeNull()
    await expect(service.getAccessToken()).rejects.toThrow(/^NOT_SIGNED_IN: /)
  })

  it('restores a session from the vault at start-up', async () => {
    const first = setup()
    const session = await first.service.signIn({ serverUrl: server.url, username: 'Again' })
    first.service.dispose()
    const second = setup({ settings: first.settings, vault: first.vault })
    const restored = await second.service.restore()
    expect(restored?.user.id).toBe(session.user.id)
    expect(await rtcConfigStatus(await second.service.getAccessToken())).toBe(200)
  })

  it('drops a saved session the server no longer accepts', async () => {
    const first = setup()
    const session = await first.service.signIn({ serverUrl: server.url, username: 'Revoked' })
    const account = vaultAccount(server.url, session.user.id)
    expect(await refreshWith(first.vault.entries.get(account) ?? '')).toBe(200) // spends it
    const second = setup({ settings: first.settings, vault: first.vault })
    expect(await second.service.restore()).toBeNull()
    expect(first.vault.entries.has(account)).toBe(false)
    expect(first.settings.get().session).toBeNull()
  })

  it('signs a guest in again with the same name when its refresh is refused, and carries on', async () => {
    const { service, vault, advance, changes, settings } = setup()
    const session = await service.signIn({ serverUrl: server.url, username: 'Guest Stale' })
    const account = vaultAccount(server.url, session.user.id)
    expect(await refreshWith(vault.entries.get(account) ?? '')).toBe(200) // rotated elsewhere
    advance(59_000)
    const token = await service.getAccessToken()
    expect(await rtcConfigStatus(token)).toBe(200)
    const renewed = service.getSession()
    expect(renewed?.user.displayName).toBe('Guest Stale')
    expect(renewed?.user.id).not.toBe(session.user.id)
    // The page hears of the new identity; the vault holds only the new account's token.
    expect(changes.at(-1)).toEqual(renewed)
    expect(vault.entries.has(account)).toBe(false)
    expect(vault.entries.has(vaultAccount(server.url, renewed?.user.id ?? ''))).toBe(true)
    expect(settings.get().session?.userId).toBe(renewed?.user.id)
  })

  it('ends a password session when its refresh is refused, and says why', async () => {
    const { service, vault, advance, changes } = setup()
    const session = await service.signIn({
      serverUrl: server.url,
      username: 'Stale',
      password: 'not-needed-in-guest-mode',
    })
    const account = vaultAccount(server.url, session.user.id)
    expect(await refreshWith(vault.entries.get(account) ?? '')).toBe(200) // rotated elsewhere
    advance(59_000)
    const error = await service.getAccessToken().catch((e: unknown) => e)
    expect(parseBridgeError(error)).toEqual({
      code: 'NOT_SIGNED_IN',
      message: englishText(AUTH_PHRASES.refreshRefused),
      phrase: AUTH_PHRASES.refreshRefused,
    })
    expect(englishText(AUTH_PHRASES.refreshRefused)).toMatch(
      /^The server no longer accepts your sign-in/,
    )
    expect(service.getSession()).toBeNull()
    expect(changes.at(-1)).toBeNull()
  })

  it('reports an unreachable server with a typed error', async () => {
    const { service } = setup()
    const error = await service
      .signIn({ serverUrl: 'http://127.0.0.1:9', username: 'Nobody' })
      .catch((e: unknown) => e)
    expect(parseBridgeError(error).code).toBe('SERVER_UNREACHABLE')
  })

  it('with no server configured, signs in to the embedded server and keeps that session in memory', async () => {
    const { service, vault, settings, embeddedStarts } = setup({ embeddedUrl: server.url })
    const info = await service.getServerInfo({})
    expect(info).toEqual({ serverUrl: server.url, authMode: 'guest', embedded: true })
    const session = await service.signIn({ username: 'Local' })
    expect(session).toMatchObject({ serverUrl: server.url, embedded: true, storage: 'memory' })
    expect(embeddedStarts()).toBeGreaterThan(0)
    // Its port and signing key change every run: nothing is written to the keychain or settings.
    expect(vault.entries.size).toBe(0)
    expect(settings.get().session).toBeNull()
    expect(settings.get().serverUrl).toBeNull()
    expect(await rtcConfigStatus(await service.getAccessToken())).toBe(200)
  })

  it('a sign-in naming no server goes back to the built-in one, the default again from then on', async () => {
    const builtIn = await startReferenceServer({})
    try {
      const { service, settings } = setup({ embeddedUrl: builtIn.url })
      await service.signIn({ serverUrl: server.url, username: 'Away' })
      expect(settings.get().serverUrl).toBe(server.url)
      const back = await service.signIn({ username: 'Home' })
      expect(back).toMatchObject({ serverUrl: builtIn.url, embedded: true })
      expect(settings.get().serverUrl).toBeNull()
      expect(settings.get().session).toBeNull()
    } finally {
      await builtIn.close()
    }
  })

  it('says so when there is no server and the embedded one cannot start', async () => {
    const { service } = setup({ embeddedUrl: null })
    const error = await service.signIn({ username: 'X' }).catch((e: unknown) => e)
    expect(parseBridgeError(error).code).toBe('NOT_AVAILABLE')
    expect(saidIn('de', error)).toBe(
      'Es ist kein Server eingestellt, und der eingebaute konnte nicht starten. Gib eine Serveradresse ein.',
    )
  })

  it('signing in again elsewhere revokes the previous session', async () => {
    const { service, vault } = setup()
    const first = await service.signIn({ serverUrl: server.url, username: 'One' })
    const firstAccount = vaultAccount(server.url, first.user.id)
    const firstToken = vault.entries.get(firstAccount) ?? ''
    await service.signIn({ serverUrl: server.url, username: 'Two' })
    expect(vault.entries.has(firstAccount)).toBe(false)
    expect(await refreshWith(firstToken)).toBe(401)
    await flushPromises()
  })
})
