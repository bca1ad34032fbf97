/**
 * RTC config: fetched with the bearer token (against the real reference server, with expiring TURN
 * REST credentials), cached until the credentials expire, retried with backoff, "always relay"
 * applied without a new fetch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../src/server/index'
import { parseBridgeError } from '../../../src/shared/bridge'
import { createRtcConfigService, EXPIRY_MARGIN_MS } from '../../../src/main/rtc/rtc-config-service'
import { createSessionService } from '../../../src/main/session/session-service'
import {
  createSettingsStore,
  memorySettingsBackend,
} from '../../../src/main/settings/settings-store'
import type { FetchLike } from '../../../src/main/http-client'
import {
  inspectableVault,
  manualTimers,
  recordingLog,
  saidIn,
  startReferenceServer,
} from './helpers'

let server: RunningServer
beforeAll(async () => {
  server = await startReferenceServer({
    RTC_STUN_URLS: 'stun:127.0.0.1:3478',
    RTC_TURN_URLS: 'turn:127.0.0.1:3478?transport=udp,turn:127.0.0.1:3478?transport=tcp',
    RTC_TURN_SECRET: 'test-secret',
    RTC_TURN_CREDENTIAL_TTL_SECONDS: '600',
  })
})
afterAll(async () => {
  await server.close()
})

async function signedIn(fetchImpl: FetchLike = (i, init) => fetch(i, init)) {
  let clock = Date.now()
  const settings = createSettingsStore(memorySettingsBackend(), recordingLog())
  const session = createSessionService({
    fetch: (i, init) => fetch(i, init),
    vault: inspectableVault(),
    settings,
    embeddedServer: { ensure: async () => null, current: () => null },
    timers: manualTimers(),
    now: () => clock,
    log: recordingLog(),
  })
  await session.signIn({ serverUrl: server.url, username: 'Rtc' })
  const requests: { url: string; authorization: string | null }[] = []
  const sleeps: number[] = []
  const rtc = createRtcConfigService({
    fetch: async (input, init) => {
      requests.push({ url: input, authorization: new Headers(init?.headers).get('authorization') })
      return fetchImpl(input, init)
    },
    session,
    alwaysRelay: () => settings.get().alwaysRelay,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    log: recordingLog(),
  })
  return { session, settings, rtc, requests, sleeps, advance: (ms: number) => (clock += ms) }
}

describe('RTC config service', () => {
  it('fetches with the bearer token and maps to iceServers', async () => {
    const { rtc, requests } = await signedIn()
    const config = await rtc.getRtcConfig()
    expect(requests).toHaveLength(1)
    expect(requests[0]?.url).toBe(`${server.url}/api/v1/rtc/config`)
    expect(requests[0]?.authorization).toMatch(/^Bearer ey/)
    expect(config.iceTransportPolicy).toBe('all')
    expect(config.iceServers[0]).toEqual({ urls: 'stun:127.0.0.1:3478' })
    expect(config.iceServers).toHaveLength(3)
    expect(config.iceServers[1]).toMatchObject({ urls: 'turn:127.0.0.1:3478?transport=udp' })
    expect(config.iceServers[1]?.username).toMatch(/^\d+:/)
    expect(config.iceServers[1]?.credential).toBeTruthy()
    expect(config.expiresAt).toBeGreaterThan(Date.now())
  })

  it('reuses the config until the TURN credentials are about to expire', async () => {
    const { rtc, requests, advance } = await signedIn()
    const first = await rtc.getRtcConfig()
    advance(60_000)
    await rtc.getRtcConfig()
    expect(requests).toHaveLength(1)
    advance((first.expiresAt ?? 0) - Date.now() - 60_000 - EXPIRY_MARGIN_MS + 1_000)
    await rtc.getRtcConfig()
    expect(requests).toHaveLength(2)
  })

  it('applies "always relay" without fetching again', async () => {
    const { rtc, settings, requests } = await signedIn()
    expect((await rtc.getRtcConfig()).iceTransportPolicy).toBe('all')
    settings.setPreferences({ alwaysRelay: true })
    expect((await rtc.getRtcConfig()).iceTransportPolicy).toBe('relay')
    expect(requests).toHaveLength(1)
  })

  it('retries with exponential backoff on network and server errors', async () => {
    let failures = 3
    const { rtc, sleeps, requests } = await signedIn(async (input, init) => {
      if (failures-- > 0) {
        if (failures === 1)
          return new Response('{"error":"INTERNAL","message":"x"}', { status: 503 })
        throw new TypeError('fetch failed')
      }
      return fetch(input, init)
    })
    const config = await rtc.getRtcConfig()
    expect(config.iceServers.length).toBeGreaterThan(0)
    expect(sleeps).toEqual([500, 1000, 2000])
    expect(requests).toHaveLength(4)
  })

  it('gives up after its attempts with a typed error', async () => {
    const { rtc, sleeps } = await signedIn(async () => {
      throw new TypeError('fetch failed')
    })
    const error = await rtc.getRtcConfig().catch((e: unknown) => parseBridgeError(e))
    expect(error).toMatchObject({ code: 'SERVER_UNREACHABLE' })
    expect(sleeps).toEqual([500, 1000, 2000, 4000])
  })

  it('renews the access token once when the server refuses it', async () => {
    let refused = false
    const { rtc, requests } = await signedIn(async (input, init) => {
      if (!refused) {
        refused = true
        return new Response('{"error":"UNAUTHORIZED","message":"expired"}', { status: 401 })
      }
      return fetch(input, init)
    })
    await rtc.getRtcConfig()
    expect(requests).toHaveLength(2)
  })

  it('does not retry a body that does not match the schema', async () => {
    const { rtc, sleeps } = await signedIn(async () => Response.json({ stunUrls: 'nope' }))
    const error = await rtc.getRtcConfig().catch((e: unknown) => e)
    expect(parseBridgeError(error)).toMatchObject({ code: 'SERVER_ERROR' })
    expect(saidIn('de', error)).toBe('Die Antwort des Servers war nicht verständlich.')
    expect(sleeps).toEqual([])
  })

  it('refuses when signed out, and forgets the cache on invalidate', async () => {
    const { rtc, session, requests } = await signedIn()
    await rtc.getRtcConfig()
    rtc.invalidate()
    await rtc.getRtcConfig()
    expect(requests).toHaveLength(2)
    await session.signOut()
    const error = await rtc.getRtcConfig().catch((e: unknown) => e)
    expect(parseBridgeError(error)).toMatchObject({ code: 'NOT_SIGNED_IN' })
    expect(saidIn('de', error)).toBe('Du bist nicht angemeldet.')
    expect(saidIn('en', error)).toBe('You are not signed in.')
  })
})
