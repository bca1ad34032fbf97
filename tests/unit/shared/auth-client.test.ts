/**
 * The shared auth client both hosts use: address completion, the one refresh-margin rule, the
 * single-flight refresh, and "This is not a Parley server", against the real reference server on
 * loopback (and a plain web server beside it).
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../src/server/index'
import { createAuthClient, refreshAtFor } from '../../../src/shared/auth/auth-client'
import { AUTH_PHRASES } from '../../../src/shared/auth/auth-messages'
import { englishText } from '../../../src/shared/i18n/phrase'
import { completeServerAddress } from '../../../src/shared/auth/server-address'
import { expiresAtFor } from '../../../src/shared/auth/token-expiry'
import { createTokenKeeper } from '../../../src/shared/auth/token-keeper'
import { parseBridgeError, serverUrlSchema } from '../../../src/shared/bridge'
import { startReferenceServer } from '../main/helpers'

let parley: RunningServer
let website: Server
let websiteUrl: string

beforeAll(async () => {
  parley = await startReferenceServer()
  // A web server that is not a calling server: HTML for every path, 404 under /api.
  website = createServer((request, response) => {
    const isApi = request.url?.startsWith('/api/') ?? false
    response.writeHead(isApi ? 404 : 200, { 'content-type': 'text/html' })
    response.end('<!doctype html><title>Welcome</title>')
  })
  await new Promise<void>((resolve) => website.listen(0, '127.0.0.1', resolve))
  websiteUrl = `http://127.0.0.1:${(website.address() as AddressInfo).port}`
})
afterAll(async () => {
  await parley.close()
  await new Promise((resolve) => website.close(resolve))
})

describe('server address', () => {
  it('completes a bare host to https, and a loopback host to http', () => {
    expect(completeServerAddress('parley.example.com')).toEqual({
      ok: true,
      url: 'https://parley.example.com',
      plainHttp: false,
      loopback: false,
    })
    expect(completeServerAddress(' calls.example.org:8443/parley/ ')).toMatchObject({
      ok: true,
      url: 'https://calls.example.org:8443/parley',
    })
    expect(completeServerAddress('localhost:4000')).toMatchObject({
      ok: true,
      url: 'http://localhost:4000',
      loopback: true,
      plainHttp: false,
    })
    expect(completeServerAddress('127.0.0.1:4000')).toMatchObject({ url: 'http://127.0.0.1:4000' })
  })

  it('flags plain http to a host other than loopback', () => {
    expect(completeServerAddress('http://calls.example.org')).toMatchObject({
      ok: true,
      plainHttp: true,
    })
    expect(completeServerAddress('http://127.0.0.1:4000')).toMatchObject({ plainHttp: false })
    expect(completeServerAddress('https://calls.example.org')).toMatchObject({ plainHttp: false })
  })

  it('refuses what is not an http(s) address', () => {
    for (const raw of ['', 'ftp://x.example', 'file:///etc/passwd', 'javascript:alert(1)', 'a b']) {
      expect(completeServerAddress(raw).ok, raw).toBe(false)
    }
  })

  it('is what the bridge schema accepts and stores', () => {
    expect(serverUrlSchema.parse('parley.example.com')).toBe('https://parley.example.com')
    expect(serverUrlSchema.safeParse('ftp://x.example').success).toBe(false)
  })
})

/** A JWT-shaped token with these claims (nothing checks its signature on this side). */
const signed = (claims: object): string =>
  `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`

describe('refresh margin', () => {
  it('renews a fifth of the lifetime early, at most a minute', () => {
    expect(refreshAtFor(60_000, 60_000)).toBe(48_000)
    expect(refreshAtFor(600_000, 600_000)).toBe(540_000)
    expect(refreshAtFor(1_000 + 3_600_000, 3_600_000)).toBe(1_000 + 3_540_000)
  })

  it("counts from the token's own expiry when it arrived late", () => {
    const token = signed({ iat: 1_000, exp: 1_030 })
    // Arrived 8 s after it was issued: it expires at its exp, not 30 s after arrival.
    expect(expiresAtFor(token, 1_008_000, 30_000)).toBe(1_030_000)
    expect(refreshAtFor(expiresAtFor(token, 1_008_000, 30_000), 30_000)).toBe(1_024_000)
    // On time (the server signs whole seconds), or from a server whose clock runs late: arrival
    // plus lifetime is the earlier.
    expect(expiresAtFor(token, 999_500, 30_000)).toBe(1_029_500)
    // A token that does not say: arrival plus lifetime.
    expect(expiresAtFor('opaque', 1_008_000, 30_000)).toBe(1_038_000)
  })

  it('never counts less than half the lifetime when the clocks disagree', () => {
    // The server's clock runs a minute early: its exp already passed by ours.
    const token = signed({ iat: 1_000, exp: 1_030 })
    expect(expiresAtFor(token, 1_090_000, 30_000)).toBe(1_105_000)
    expect(refreshAtFor(expiresAtFor(token, 1_090_000, 30_000), 30_000)).toBeGreaterThan(1_090_000)
  })
})

describe('token keeper', () => {
  it("hands out a fresh token before the token's own expiry, however late it arrived", async () => {
    const issuedAtSeconds = 2_000_000
    let now = issuedAtSeconds * 1000 + 9_000
    let refreshes = 0
    const fake = (id: string) => ({
      accessToken: signed({ iat: issuedAtSeconds, exp: issuedAtSeconds + 30, jti: id }),
      refreshToken: `refresh-${id}`,
      user: { id: 'u1', displayName: 'Ada' },
      expiresIn: 30,
    })
    const client = createAuthClient({
      fetch: async () => {
        refreshes += 1
        return new Response(JSON.stringify(fake(`r${refreshes}`)), {
          headers: { 'content-type': 'application/json' },
        })
      },
      now: () => now,
    })
    const initial = await client.login('http://127.0.0.1:1', { username: 'Ada' })
    expect(refreshes).toBe(1)
    const keeper = createTokenKeeper(client, 'http://127.0.0.1:1', initial, { now: () => now })
    // 4 s before the token's exp (the socket renews 3 s before it): already a fresh one.
    now = (issuedAtSeconds + 26) * 1000
    expect(await keeper.accessToken()).not.toBe(initial.accessToken)
    expect(refreshes).toBe(2)
  })
})

describe('auth client against the reference server', () => {
  it('reads the server’s mode, and calls another web server "not a Parley server"', async () => {
    const client = createAuthClient({ fetch, now: Date.now })
    expect(await client.serverInfo(parley.url)).toEqual({
      serverUrl: parley.url,
      authMode: 'guest',
    })
    const error = await client.serverInfo(websiteUrl).catch((e: unknown) => e)
    expect(parseBridgeError(error)).toEqual({
      code: 'NOT_A_PARLEY_SERVER',
      message: englishText(AUTH_PHRASES.notParley(websiteUrl)),
      phrase: AUTH_PHRASES.notParley(websiteUrl),
    })
  })

  it('shares one refresh among parallel asks, and rotates the refresh token', async () => {
    let now = Date.now()
    const client = createAuthClient({ fetch, now: () => now })
    const tokens = await client.login(parley.url, { username: 'Ada' })
    let refreshes = 0
    const countingClient = {
      ...client,
      refresh: (url: string, token: string) => {
        refreshes += 1
        return client.refresh(url, token)
      },
    }
    const keeper = createTokenKeeper(countingClient, parley.url, tokens, { now: () => now })
    expect(await keeper.accessToken()).toBe(tokens.accessToken)
    expect(refreshes).toBe(0)
    now = tokens.refreshAt
    await Promise.all([keeper.accessToken(), keeper.accessToken(), keeper.accessToken()])
    expect(refreshes).toBe(1)
    expect(keeper.tokens()?.refreshToken).not.toBe(tokens.refreshToken)
    // The spent token is refused, with the shared words.
    const refused = await client.refresh(parley.url, tokens.refreshToken).catch((e: unknown) => e)
    expect(parseBridgeError(refused)).toEqual({
      code: 'NOT_SIGNED_IN',
      message: englishText(AUTH_PHRASES.refreshRefused),
      phrase: AUTH_PHRASES.refreshRefused,
    })
  })

  it('drops a refresh that finishes after the session ended', async () => {
    const client = createAuthClient({ fetch, now: Date.now })
    const tokens = await client.login(parley.url, { username: 'Bo' })
    const keeper = createTokenKeeper(client, parley.url, tokens, { now: Date.now })
    const pending = keeper.refresh()
    keeper.end()
    const error = await pending.catch((e: unknown) => e)
    expect(parseBridgeError(error).code).toBe('NOT_SIGNED_IN')
    expect(keeper.tokens()).toBeNull()
  })
})
