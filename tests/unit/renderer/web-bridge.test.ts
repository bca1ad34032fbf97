/** The web host's Bridge against a fake fetch: sign-in, token rotation, RTC config, errors. */
import { describe, expect, it } from 'vitest'
import { createWebBridge, type PageLocation } from '../../../src/renderer/src/host/web-bridge'
import { parseBridgeError } from '../../../src/shared/bridge'
import { AUTH_PHRASES } from '../../../src/shared/auth/auth-messages'
import { englishText } from '../../../src/shared/i18n/phrase'

interface Call {
  url: string
  method: string
  body: unknown
  authorization: string | null
}

type Route = (call: Call) => { status: number; body?: unknown } | 'network-error'

function fakeFetch(route: Route): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = []
  const impl = async (
    input: Parameters<typeof fetch>[0],
    init?: RequestInit,
  ): Promise<Response> => {
    const headers = new Headers(init?.headers)
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : null,
      authorization: headers.get('Authorization'),
    }
    calls.push(call)
    const answer = route(call)
    if (answer === 'network-error') throw new TypeError('fetch failed')
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json' },
    })
  }
  return { fetch: impl as typeof fetch, calls }
}

function location(href: string): PageLocation {
  const url = new URL(href)
  return { origin: url.origin, search: url.search }
}

let issued = 0
function auth(expiresIn = 600) {
  issued++
  return {
    accessToken: `access-${issued}`,
    refreshToken: `refresh-${issued}`,
    expiresIn,
    user: { id: 'u1', displayName: 'Alice' },
  }
}

describe('createWebBridge', () => {
  it('signs in over HTTP and keeps the session in memory', async () => {
    const { fetch, calls } = fakeFetch((call) =>
      call.url.endsWith('/api/v1/auth/login') ? { status: 200, body: auth() } : { status: 404 },
    )
    const bridge = createWebBridge(location('http://127.0.0.1:4000/?call=abc'), { fetch })
    const session = await bridge.signaling.signIn({ username: 'Alice' })
    expect(session).toMatchObject({ serverUrl: 'http://127.0.0.1:4000', storage: 'memory' })
    expect(calls[0]).toMatchObject({ method: 'POST', body: { username: 'Alice' } })
    expect(await bridge.signaling.getSession()).toEqual(session)
  })

  it('says the shared words on 401 and names the server when it is unreachable', async () => {
    const refused = createWebBridge(location('http://127.0.0.1:4000/'), {
      fetch: fakeFetch(() => ({ status: 401 })).fetch,
    })
    const wrong = await refused.signaling.signIn({ username: 'A', password: 'b' }).catch((e) => e)
    expect(parseBridgeError(wrong)).toEqual({
      code: 'SIGN_IN_FAILED',
      message: englishText(AUTH_PHRASES.wrongCredentials),
      phrase: AUTH_PHRASES.wrongCredentials,
    })
    const withReason = createWebBridge(location('http://127.0.0.1:4000/'), {
      fetch: fakeFetch(() => ({ status: 401, body: { error: 'x', message: 'Locked out.' } })).fetch,
    })
    const reason = await withReason.signaling
      .signIn({ username: 'A', password: 'b' })
      .catch((e) => e)
    expect(parseBridgeError(reason).message).toBe('Locked out.')
    const down = createWebBridge(location('http://127.0.0.1:4000/'), {
      fetch: fakeFetch(() => 'network-error').fetch,
    })
    const error = await down.signaling.signIn({ username: 'A' }).catch((e) => e)
    expect(error).toBeInstanceOf(Error)
    expect(parseBridgeError(error)).toEqual({
      code: 'SERVER_UNREACHABLE',
      message: englishText(AUTH_PHRASES.unreachable('http://127.0.0.1:4000')),
      phrase: AUTH_PHRASES.unreachable('http://127.0.0.1:4000'),
    })
  })

  it('says "This is not a Parley server" for a web server that answers neither route', async () => {
    const bridge = createWebBridge(location('http://127.0.0.1:4000/'), {
      fetch: fakeFetch(() => ({ status: 404 })).fetch,
    })
    const error = await bridge.signaling.getServerInfo({}).catch((e) => e)
    expect(parseBridgeError(error)).toEqual({
      code: 'NOT_A_PARLEY_SERVER',
      message: englishText(AUTH_PHRASES.notParley('http://127.0.0.1:4000')),
      phrase: AUTH_PHRASES.notParley('http://127.0.0.1:4000'),
    })
    expect(englishText(AUTH_PHRASES.notParley('x'))).toMatch(/^This is not a Parley server/)
  })

  it('says "This is not a Parley server" for a page that answers 200 with HTML', async () => {
    const html = (async () =>
      new Response('<!doctype html><title>Welcome</title>', {
        status: 200,
        headers: { 'Content-Type': 'text/html' },
      })) as typeof fetch
    const bridge = createWebBridge(location('http://127.0.0.1:4000/'), { fetch: html })
    const error = await bridge.signaling.getServerInfo({}).catch((e) => e)
    expect(parseBridgeError(error).code).toBe('NOT_A_PARLEY_SERVER')
  })

  it('treats a protocol server without server-info (its login answers in JSON) as wanting a password', async () => {
    const bridge = createWebBridge(location('http://127.0.0.1:4000/'), {
      fetch: fakeFetch((call) =>
        call.url.endsWith('/api/v1/auth/login')
          ? { status: 400, body: { error: 'BAD_REQUEST', message: 'username is required' } }
          : { status: 404 },
      ).fetch,
    })
    expect(await bridge.signaling.getServerInfo({})).toMatchObject({ authMode: 'users' })
  })

  it('signs a guest in again with the same name when the server refuses its refresh token', async () => {
    let now = 1_000_000
    const { fetch, calls } = fakeFetch((call) => {
      if (call.url.endsWith('/login')) return { status: 200, body: auth(60) }
      if (call.url.endsWith('/refresh')) return { status: 401 }
      return { status: 404 }
    })
    const bridge = createWebBridge(location('http://127.0.0.1:4000/'), { fetch, now: () => now })
    await bridge.signaling.signIn({ username: 'Alice' })
    now += 50_000
    const token = await bridge.signaling.getAccessToken()
    expect(token).toMatch(/^access-/)
    const logins = calls.filter((call) => call.url.endsWith('/login'))
    expect(logins.map((call) => call.body)).toEqual([{ username: 'Alice' }, { username: 'Alice' }])
    expect(await bridge.signaling.getSession()).not.toBeNull()
  })

  it('ends a password session whose refresh is refused, saying why', async () => {
    let now = 1_000_000
    const { fetch } = fakeFetch((call) => {
      if (call.url.endsWith('/login')) return { status: 200, body: auth(60) }
      if (call.url.endsWith('/refresh')) return { status: 401 }
      return { status: 404 }
    })
    const bridge = createWebBridge(location('http://127.0.0.1:4000/'), { fetch, now: () => now })
    const changes: unknown[] = []
    bridge.signaling.onSessionChanged((session) => changes.push(session))
    await bridge.signaling.signIn({ username: 'Alice', password: 'pw' })
    now += 50_000
    const error = await bridge.signaling.getAccessToken().catch((e) => e)
    expect(parseBridgeError(error)).toEqual({
      code: 'NOT_SIGNED_IN',
      message: englishText(AUTH_PHRASES.refreshRefused),
      phrase: AUTH_PHRASES.refreshRefused,
    })
    expect(changes.at(-1)).toBeNull()
  })

  it('refreshes a token near expiry once, with the rotated refresh token', async () => {
    let now = 1_000_000
    let loginRefreshToken = ''
    const { fetch, calls } = fakeFetch((call) => {
      if (call.url.endsWith('/login')) {
        const body = auth(60)
        loginRefreshToken = body.refreshToken
        return { status: 200, body }
      }
      if (call.url.endsWith('/refresh')) return { status: 200, body: auth(600) }
      return { status: 404 }
    })
    const bridge = createWebBridge(location('http://127.0.0.1:4000/'), { fetch, now: () => now })
    await bridge.signaling.signIn({ username: 'Alice' })
    const first = await bridge.signaling.getAccessToken()
    now += 50_000 // a 60 s token is renewed from 48 s on (a fifth of its life before expiry)
    const [a, b] = await Promise.all([
      bridge.signaling.getAccessToken(),
      bridge.signaling.getAccessToken(),
    ])
    expect(a).toBe(b)
    expect(a).not.toBe(first)
    const refreshes = calls.filter((call) => call.url.endsWith('/refresh'))
    expect(refreshes).toHaveLength(1)
    expect(refreshes[0]?.body).toEqual({ refreshToken: loginRefreshToken })
  })

  it('fetches the RTC config with the bearer token and honours ?relay=1', async () => {
    const { fetch, calls } = fakeFetch((call) => {
      if (call.url.endsWith('/login')) return { status: 200, body: auth() }
      if (call.url.endsWith('/api/v1/rtc/config')) {
        return {
          status: 200,
          body: {
            stunUrls: [],
            turnUrls: ['turn:127.0.0.1:3478?transport=udp'],
            turnUsername: 'u',
            turnCredential: 'p',
            maxParticipants: 4,
          },
        }
      }
      return { status: 404 }
    })
    const bridge = createWebBridge(location('http://127.0.0.1:4000/?relay=1'), { fetch })
    await bridge.signaling.signIn({ username: 'Alice' })
    const config = await bridge.signaling.getRtcConfig()
    expect(config.iceTransportPolicy).toBe('relay')
    expect(config.iceServers).toEqual([
      { urls: 'turn:127.0.0.1:3478?transport=udp', username: 'u', credential: 'p' },
    ])
    expect(calls.at(-1)?.authorization).toMatch(/^Bearer access-/)
    await bridge.signaling.setPreferences({ alwaysRelay: false })
    expect((await bridge.signaling.getRtcConfig()).iceTransportPolicy).toBe('all')
  })

  it('offers the system picker only, and signs out through /logout', async () => {
    const { fetch, calls } = fakeFetch((call) => {
      if (call.url.endsWith('/login')) return { status: 200, body: auth() }
      return { status: 204 }
    })
    const bridge = createWebBridge(location('http://127.0.0.1:4000/'), { fetch })
    expect(await bridge.screenShare.getCapabilities()).toEqual({
      picker: 'system',
      audio: false,
      permission: 'unknown',
      help: null,
    })
    const error = await bridge.screenShare
      .listSources({ kinds: ['screen'], thumbnailWidth: 160, thumbnailHeight: 90 })
      .catch((e) => e)
    expect(parseBridgeError(error).code).toBe('NOT_AVAILABLE')
    await bridge.signaling.signIn({ username: 'Alice' })
    const changes: unknown[] = []
    bridge.signaling.onSessionChanged((session) => changes.push(session))
    await bridge.signaling.signOut()
    expect(changes).toEqual([null])
    expect(calls.at(-1)).toMatchObject({
      method: 'POST',
      url: 'http://127.0.0.1:4000/api/v1/auth/logout',
    })
    const notSignedIn = await bridge.signaling.getAccessToken().catch((e) => e)
    expect(parseBridgeError(notSignedIn).code).toBe('NOT_SIGNED_IN')
  })
})
