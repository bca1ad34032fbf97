/**
 * Sessions that do not outlive their tokens: sign-out and a reused refresh token end every socket
 * and token of that sign-in; a socket is closed when its token expires; tokens without an expiry
 * are refused; and a server started without AUTH_SECRET keeps its key and sessions in DATA_DIR, so
 * a restart signs nobody out (and forgets no sign-out).
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SignJWT } from 'jose'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { API_PATHS, authResponseSchema, type AuthResponse } from '../../src/shared/protocol'
import { ServerConfigError } from '../../src/server'
import {
  closeAllClients,
  connectSocket,
  connectWithAuth,
  joinCall,
  login,
  postJson,
  startTestServer,
  type TestClient,
  type TestServer,
} from './helpers'

const SECRET = 'sessions-test-secret-0123456789abcdefgh'

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >
}

function handshake(url: string, token: unknown): Promise<'connected' | string> {
  const socket = connectSocket(url, token)
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.disconnect()
      resolve('connected')
    })
    socket.once('connect_error', (error: Error & { data?: { message?: string } }) => {
      socket.disconnect()
      resolve(`${error.message}: ${error.data?.message ?? ''}`)
    })
  })
}

async function rtcConfigStatus(url: string, accessToken: string): Promise<number> {
  const response = await fetch(url + API_PATHS.rtcConfig, {
    headers: { authorization: `Bearer ${accessToken}` },
  })
  return response.status
}

async function refresh(url: string, refreshToken: string) {
  return postJson(url + API_PATHS.refresh, { refreshToken })
}

/** Resolves with the rtc:error details and the disconnect reason once the server closes it. */
function endedBy(client: TestClient): Promise<{ reason: unknown; disconnect: string }> {
  return new Promise((resolve) => {
    let reason: unknown = null
    client.socket.on('rtc:error', (error: { code: string; details?: { reason?: unknown } }) => {
      if (error.code === 'UNAUTHORIZED') reason = error.details?.reason
    })
    client.socket.once('disconnect', (disconnect) => resolve({ reason, disconnect }))
  })
}

describe('sessions', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ AUTH_SECRET: SECRET })
  })
  afterEach(() => closeAllClients())
  afterAll(async () => {
    await server.close()
  })

  it('names the session in every token and requires an expiry', async () => {
    const auth = await login(server.url, 'Ann')
    const access = claimsOf(auth.accessToken)
    const refreshClaims = claimsOf(auth.refreshToken)
    expect(access.sid).toEqual(expect.any(String))
    expect(refreshClaims.sid).toBe(access.sid)
    expect(access.exp).toEqual(expect.any(Number))
    expect(refreshClaims.exp).toEqual(expect.any(Number))
  })

  it('sign-out closes that session’s sockets, refuses its tokens, and leaves others alone', async () => {
    const ann = await login(server.url, 'Ann')
    const ben = await login(server.url, 'Ben')
    const annFirst = await connectWithAuth(server.url, ann)
    const annSecond = await connectWithAuth(server.url, ann)
    const benSocket = await connectWithAuth(server.url, ben)
    await joinCall(annFirst, 'sign-out-call')
    await joinCall(benSocket, 'sign-out-call')
    const left = benSocket.waitFor('rtc:participantLeft')
    const endings = [endedBy(annFirst), endedBy(annSecond)]

    const logout = await postJson(server.url + API_PATHS.logout, { refreshToken: ann.refreshToken })
    expect(logout.status).toBe(204)
    for (const ending of await Promise.all(endings)) {
      expect(ending).toEqual({ reason: 'session-ended', disconnect: 'io server disconnect' })
    }
    expect(await left).toMatchObject({ userId: ann.user.id, reason: 'disconnected' })
    // The signed-out access token opens nothing any more, though it has not expired.
    expect(await handshake(server.url, ann.accessToken)).toMatch(/^UNAUTHORIZED: .*session/)
    expect(await rtcConfigStatus(server.url, ann.accessToken)).toBe(401)
    expect((await refresh(server.url, ann.refreshToken)).status).toBe(401)
    // Ben's session is untouched.
    await benSocket.sync()
    expect(benSocket.socket.connected).toBe(true)
    expect(await rtcConfigStatus(server.url, ben.accessToken)).toBe(200)
  })

  it('a reused refresh token ends the whole session: the thief’s chain and the owner’s', async () => {
    const stolen = await login(server.url, 'Ann')
    // The thief refreshes first...
    const thief = authResponseSchema.parse((await refresh(server.url, stolen.refreshToken)).body)
    const thiefSocket = await connectWithAuth(server.url, thief)
    const ended = endedBy(thiefSocket)
    // ...then the owner presents the same token: a reuse.
    const reuse = await refresh(server.url, stolen.refreshToken)
    expect(reuse.status).toBe(401)
    expect(await ended).toEqual({ reason: 'session-ended', disconnect: 'io server disconnect' })
    expect((await refresh(server.url, thief.refreshToken)).status).toBe(401)
    expect(await rtcConfigStatus(server.url, thief.accessToken)).toBe(401)
    expect(await rtcConfigStatus(server.url, stolen.accessToken)).toBe(401)
    expect(await handshake(server.url, thief.accessToken)).toMatch(/^UNAUTHORIZED/)
    // A fresh sign-in is a new session and works.
    const again = await login(server.url, 'Ann')
    expect(await rtcConfigStatus(server.url, again.accessToken)).toBe(200)
  })

  it('rotation keeps one session going as long as each token is used once', async () => {
    let auth: AuthResponse = await login(server.url, 'Ann')
    const sid = claimsOf(auth.accessToken).sid
    for (let i = 0; i < 5; i++) {
      const next = await refresh(server.url, auth.refreshToken)
      expect(next.status).toBe(200)
      auth = authResponseSchema.parse(next.body)
      expect(claimsOf(auth.accessToken).sid).toBe(sid)
    }
    expect(await handshake(server.url, auth.accessToken)).toBe('connected')
  })

  it('closes a socket when its access token expires, and refuses that token at the handshake', async () => {
    const ann = await login(server.url, 'Ann')
    const now = Math.floor(Date.now() / 1000)
    const shortLived = await new SignJWT({
      name: 'Ann',
      typ: 'access',
      sid: claimsOf(ann.accessToken).sid,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(ann.user.id)
      .setIssuer('parley')
      .setIssuedAt(now)
      .setExpirationTime(now + 2)
      .sign(new TextEncoder().encode(SECRET))
    const client = await connectWithAuth(server.url, { ...ann, accessToken: shortLived })
    const ending = await endedBy(client)
    expect(ending).toEqual({ reason: 'token-expired', disconnect: 'io server disconnect' })
    // What a client does next: its expired token is refused with UNAUTHORIZED, so it renews.
    expect(await handshake(server.url, shortLived)).toBe(
      'UNAUTHORIZED: The access token has expired',
    )
    expect(await handshake(server.url, ann.accessToken)).toBe('connected')
  })

  it('refuses tokens without an expiry, however well signed', async () => {
    const ann = await login(server.url, 'Ann')
    const sid = claimsOf(ann.accessToken).sid
    const key = new TextEncoder().encode(SECRET)
    const forever = await new SignJWT({ name: 'Ann', typ: 'access', sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(ann.user.id)
      .setIssuer('parley')
      .setIssuedAt()
      .sign(key)
    const foreverRefresh = await new SignJWT({ name: 'Ann', typ: 'refresh', sid, gen: 0 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(ann.user.id)
      .setIssuer('parley')
      .setIssuedAt()
      .sign(key)
    expect(await handshake(server.url, forever)).toBe('UNAUTHORIZED: The access token is not valid')
    expect(await rtcConfigStatus(server.url, forever)).toBe(401)
    expect((await refresh(server.url, foreverRefresh)).status).toBe(401)
  })
})

describe('restarts without AUTH_SECRET (DATA_DIR)', () => {
  let dataDir: string
  beforeAll(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'parley-sessions-')), 'data')
  })
  afterAll(async () => {
    await rm(join(dataDir, '..'), { recursive: true, force: true })
  })

  async function withServer<T>(run: (server: TestServer) => Promise<T>): Promise<T> {
    const server = await startTestServer({ DATA_DIR: dataDir })
    try {
      return await run(server)
    } finally {
      closeAllClients()
      await server.close()
    }
  }

  it('keeps the key and the sessions, private to the server’s user', async () => {
    const before = await withServer(async (server) => {
      const ann = await login(server.url, 'Ann')
      const rotated = authResponseSchema.parse((await refresh(server.url, ann.refreshToken)).body)
      const ben = await login(server.url, 'Ben')
      expect((await postJson(server.url + API_PATHS.logout, ben)).status).toBe(204)
      const cat = await login(server.url, 'Cat')
      return { ann, rotated, ben, cat }
    })
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700)
    expect((await stat(join(dataDir, 'auth-secret'))).mode & 0o777).toBe(0o600)
    expect((await stat(join(dataDir, 'sessions.json'))).mode & 0o777).toBe(0o600)
    const key = await readFile(join(dataDir, 'auth-secret'), 'utf8')

    await withServer(async (server) => {
      // Same key: earlier access tokens still open sockets, refresh tokens still rotate.
      expect(await handshake(server.url, before.rotated.accessToken)).toBe('connected')
      expect((await refresh(server.url, before.rotated.refreshToken)).status).toBe(200)
      // Remembered: Ann's first refresh token was spent before the restart (a reuse now).
      expect((await refresh(server.url, before.ann.refreshToken)).status).toBe(401)
      // Remembered: Ben signed out before the restart.
      expect(await handshake(server.url, before.ben.accessToken)).toMatch(/^UNAUTHORIZED/)
      expect((await refresh(server.url, before.ben.refreshToken)).status).toBe(401)
      expect(await rtcConfigStatus(server.url, before.cat.accessToken)).toBe(200)
    })
    expect(await readFile(join(dataDir, 'auth-secret'), 'utf8')).toBe(key)
  })

  it('stops at start with a line naming DATA_DIR when the key file is damaged', async () => {
    const damaged = await mkdtemp(join(tmpdir(), 'parley-damaged-'))
    try {
      await writeFile(join(damaged, 'auth-secret'), 'short\n', { mode: 0o600 })
      const error = await startTestServer({ DATA_DIR: damaged }).then(
        () => null,
        (reason: unknown) => reason,
      )
      expect(error).toBeInstanceOf(ServerConfigError)
      expect((error as ServerConfigError).variable).toBe('DATA_DIR')
      expect((error as ServerConfigError).message).toContain('auth-secret')
    } finally {
      await rm(damaged, { recursive: true, force: true })
    }
  })

  it('starts over, signing nobody out, when the sessions file is damaged', async () => {
    const ann = await withServer((server) => login(server.url, 'Ann'))
    await writeFile(join(dataDir, 'sessions.json'), '{"version": 9', { mode: 0o600 })
    await withServer(async (server) => {
      expect((await refresh(server.url, ann.refreshToken)).status).toBe(200)
      expect(server.logs.join('\n')).toContain('is not a sessions file')
    })
  })
})
