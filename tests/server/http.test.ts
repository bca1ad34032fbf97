import { createHmac } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  API_PATHS,
  authResponseSchema,
  httpErrorSchema,
  rtcConfigResponseSchema,
  serverInfoSchema,
} from '../../src/shared/protocol'
import { hashPassword } from '../../src/server/auth/passwords'
import { login, postJson, startTestServer, type TestServer } from './helpers'

let tempDir: string
beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'parley-http-'))
})
afterAll(async () => {
  await rm(tempDir, { recursive: true, force: true })
})

async function withServer(
  env: Record<string, string>,
  run: (server: TestServer) => Promise<void>,
  staticDir?: string,
) {
  const server = await startTestServer(env, staticDir === undefined ? {} : { staticDir })
  try {
    await run(server)
  } finally {
    await server.close()
  }
}

function bearer(token: string) {
  return { authorization: `Bearer ${token}` }
}

describe('guest mode', () => {
  it('answers health and server info', async () => {
    await withServer({}, async (server) => {
      const health = await fetch(server.url + API_PATHS.health)
      expect(health.status).toBe(200)
      const info = serverInfoSchema.parse(
        await (await fetch(server.url + API_PATHS.serverInfo)).json(),
      )
      expect(info).toEqual({ name: 'Parley', authMode: 'guest', maxParticipants: 4 })
    })
  })

  it('signs in any non-empty name with a fresh user id', async () => {
    await withServer({}, async (server) => {
      const first = await login(server.url, '  Ann  ')
      const second = await login(server.url, 'Ann')
      expect(first.user.displayName).toBe('Ann')
      expect(first.user.id).not.toBe(second.user.id)
      expect(first.expiresIn).toBe(600)
      for (const body of [
        { username: '' },
        { username: '   ' },
        {},
        { username: 'x'.repeat(65) },
        { username: 5 },
      ]) {
        const response = await postJson(server.url + API_PATHS.login, body)
        expect(response.status).toBe(400)
        const error = httpErrorSchema.parse(response.body)
        expect(error.error).toBe('INVALID_PAYLOAD')
        expect(error.message).toMatch(/username/)
      }
    })
  })

  it('answers malformed bodies with 400 and a reason, never a crash', async () => {
    await withServer({}, async (server) => {
      for (const body of ['{"username":', '[]', 'null', '"text"', '{}']) {
        const response = await postJson(server.url + API_PATHS.login, body)
        expect(response.status).toBe(400)
        expect(httpErrorSchema.parse(response.body).message.length).toBeGreaterThan(0)
      }
      const plain = await fetch(server.url + API_PATHS.login, {
        method: 'POST',
        body: 'username=x',
      })
      expect(plain.status).toBe(400)
      httpErrorSchema.parse(await plain.json())
      const wrongType = await fetch(server.url + API_PATHS.login, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'username=x',
      })
      expect(wrongType.status).toBe(415)
      httpErrorSchema.parse(await wrongType.json())
      const tooBig = await postJson(server.url + API_PATHS.login, {
        username: 'a',
        pad: 'x'.repeat(100_000),
      })
      expect(tooBig.status).toBe(413)
      const refresh = await postJson(server.url + API_PATHS.refresh, { token: 'x' })
      expect(refresh.status).toBe(400)
      expect(httpErrorSchema.parse(refresh.body).message).toMatch(/refreshToken/)
      expect((await fetch(server.url + '/healthz')).status).toBe(200)
    })
  })

  it('rotates refresh tokens: a used one is refused', async () => {
    await withServer({}, async (server) => {
      const first = await login(server.url, 'Ann')
      const rotated = await postJson(server.url + API_PATHS.refresh, {
        refreshToken: first.refreshToken,
      })
      expect(rotated.status).toBe(200)
      const second = authResponseSchema.parse(rotated.body)
      expect(second.user).toEqual(first.user)
      expect(second.refreshToken).not.toBe(first.refreshToken)
      const reused = await postJson(server.url + API_PATHS.refresh, {
        refreshToken: first.refreshToken,
      })
      expect(reused.status).toBe(401)
      expect(httpErrorSchema.parse(reused.body).error).toBe('UNAUTHORIZED')
      // An access token is not a refresh token.
      const wrongKind = await postJson(server.url + API_PATHS.refresh, {
        refreshToken: second.accessToken,
      })
      expect(wrongKind.status).toBe(401)
      expect(
        (await postJson(server.url + API_PATHS.refresh, { refreshToken: 'garbage' })).status,
      ).toBe(401)
    })
  })

  it('lets only one of two racing refreshes win', async () => {
    await withServer({}, async (server) => {
      const auth = await login(server.url, 'Ann')
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          postJson(server.url + API_PATHS.refresh, { refreshToken: auth.refreshToken }),
        ),
      )
      expect(results.filter((r) => r.status === 200)).toHaveLength(1)
      expect(results.filter((r) => r.status === 401)).toHaveLength(4)
    })
  })

  it('revokes the refresh token on logout', async () => {
    await withServer({}, async (server) => {
      const auth = await login(server.url, 'Ann')
      const logout = await postJson(server.url + API_PATHS.logout, {
        refreshToken: auth.refreshToken,
      })
      expect(logout.status).toBe(204)
      const refresh = await postJson(server.url + API_PATHS.refresh, {
        refreshToken: auth.refreshToken,
      })
      expect(refresh.status).toBe(401)
      expect((await postJson(server.url + API_PATHS.logout, { refreshToken: 'nope' })).status).toBe(
        401,
      )
      expect((await postJson(server.url + API_PATHS.logout, {})).status).toBe(400)
    })
  })

  it('keeps tokens valid across a restart with the same AUTH_SECRET', async () => {
    const env = { AUTH_SECRET: 'restart-secret-0123456789abcdefghij' }
    let auth = await (async () => {
      const server = await startTestServer(env)
      try {
        return await login(server.url, 'Ann')
      } finally {
        await server.close()
      }
    })()
    await withServer(env, async (server) => {
      const config = await fetch(server.url + API_PATHS.rtcConfig, {
        headers: bearer(auth.accessToken),
      })
      expect(config.status).toBe(200)
      const rotated = await postJson(server.url + API_PATHS.refresh, {
        refreshToken: auth.refreshToken,
      })
      expect(rotated.status).toBe(200)
      auth = authResponseSchema.parse(rotated.body)
    })
    await withServer({ AUTH_SECRET: 'a-different-secret-0123456789abcdef' }, async (server) => {
      const config = await fetch(server.url + API_PATHS.rtcConfig, {
        headers: bearer(auth.accessToken),
      })
      expect(config.status).toBe(401)
    })
  })
})

describe('GET /api/v1/rtc/config', () => {
  it('requires a bearer access token', async () => {
    await withServer({}, async (server) => {
      const auth = await login(server.url, 'Ann')
      for (const headers of [
        {},
        bearer('garbage'),
        bearer(auth.refreshToken),
        { authorization: auth.accessToken },
      ]) {
        const response = await fetch(server.url + API_PATHS.rtcConfig, { headers })
        expect(response.status).toBe(401)
        expect(httpErrorSchema.parse(await response.json()).error).toBe('UNAUTHORIZED')
      }
    })
  })

  it('returns the configured STUN/TURN URLs with static credentials', async () => {
    const env = {
      RTC_STUN_URLS: 'stun:127.0.0.1:3478, stun:127.0.0.1:3479',
      RTC_TURN_URLS:
        'turn:127.0.0.1:3478?transport=udp,turn:127.0.0.1:3478?transport=tcp,turns:127.0.0.1:443?transport=tcp',
      RTC_TURN_USERNAME: 'user',
      RTC_TURN_CREDENTIAL: 'pass',
      RTC_MAX_PARTICIPANTS: '6',
    }
    await withServer(env, async (server) => {
      const auth = await login(server.url, 'Ann')
      const response = await fetch(server.url + API_PATHS.rtcConfig, {
        headers: bearer(auth.accessToken),
      })
      expect(response.status).toBe(200)
      expect(rtcConfigResponseSchema.strict().parse(await response.json())).toEqual({
        stunUrls: ['stun:127.0.0.1:3478', 'stun:127.0.0.1:3479'],
        turnUrls: [
          'turn:127.0.0.1:3478?transport=udp',
          'turn:127.0.0.1:3478?transport=tcp',
          'turns:127.0.0.1:443?transport=tcp',
        ],
        turnUsername: 'user',
        turnCredential: 'pass',
        maxParticipants: 6,
      })
    })
  })

  it('sends no credentials when there are no TURN URLs', async () => {
    await withServer({ RTC_STUN_URLS: '', RTC_TURN_URLS: '' }, async (server) => {
      const auth = await login(server.url, 'Ann')
      const response = await fetch(server.url + API_PATHS.rtcConfig, {
        headers: bearer(auth.accessToken),
      })
      expect(await response.json()).toEqual({ stunUrls: [], turnUrls: [], maxParticipants: 4 })
    })
  })

  it('mints time-limited TURN credentials in coturn’s REST scheme', async () => {
    const secret = 'coturn-shared-secret'
    await withServer(
      { RTC_TURN_URLS: 'turn:127.0.0.1:3478?transport=udp', RTC_TURN_SECRET: secret },
      async (server) => {
        const auth = await login(server.url, 'Ann')
        const before = Math.floor(Date.now() / 1000)
        const response = await fetch(server.url + API_PATHS.rtcConfig, {
          headers: bearer(auth.accessToken),
        })
        const config = rtcConfigResponseSchema.parse(await response.json())
        const [expiry, userId] = (config.turnUsername ?? '').split(':')
        expect(userId).toBe(auth.user.id)
        expect(Number(expiry)).toBe(config.turnCredentialExpiresAt)
        expect(Number(expiry)).toBeGreaterThanOrEqual(before + 86_400)
        const expected = createHmac('sha1', secret)
          .update(config.turnUsername ?? '')
          .digest('base64')
        expect(config.turnCredential).toBe(expected)
      },
    )
  })
})

describe('users mode', () => {
  async function usersFile(): Promise<string> {
    const path = join(tempDir, `users-${Math.random().toString(36).slice(2)}.json`)
    const users = [
      {
        username: 'ann',
        displayName: 'Ann Example',
        passwordHash: await hashPassword('correct horse'),
      },
      { username: 'bob', displayName: 'Bob', passwordHash: await hashPassword('battery staple') },
    ]
    await writeFile(path, JSON.stringify(users))
    return path
  }

  it('signs in with the right password only, with a stable id', async () => {
    const USERS_FILE = await usersFile()
    await withServer({ AUTH_MODE: 'users', USERS_FILE }, async (server) => {
      const info = serverInfoSchema.parse(
        await (await fetch(server.url + API_PATHS.serverInfo)).json(),
      )
      expect(info.authMode).toBe('users')
      const first = await login(server.url, 'ann', 'correct horse')
      const second = await login(server.url, 'ANN', 'correct horse')
      expect(first.user).toEqual({ id: 'u_ann', displayName: 'Ann Example' })
      expect(second.user.id).toBe(first.user.id)
      for (const [username, password] of [
        ['ann', 'wrong'],
        ['nobody', 'correct horse'],
        ['bob', 'correct horse'],
      ]) {
        const response = await postJson(server.url + API_PATHS.login, { username, password })
        expect(response.status).toBe(401)
        expect(httpErrorSchema.parse(response.body).error).toBe('UNAUTHORIZED')
      }
      const noPassword = await postJson(server.url + API_PATHS.login, { username: 'ann' })
      expect(noPassword.status).toBe(400)
      expect(httpErrorSchema.parse(noPassword.body).message).toMatch(/password/)
    })
  })

  it('refuses a refresh for an account that was removed from the users file', async () => {
    const USERS_FILE = await usersFile()
    const AUTH_SECRET = 'users-refresh-secret-0123456789abcdef'
    let auth: Awaited<ReturnType<typeof login>> | null = null
    await withServer({ AUTH_MODE: 'users', USERS_FILE, AUTH_SECRET }, async (server) => {
      auth = await login(server.url, 'bob', 'battery staple')
      const rotated = await postJson(server.url + API_PATHS.refresh, {
        refreshToken: auth.refreshToken,
      })
      expect(rotated.status).toBe(200)
      auth = authResponseSchema.parse(rotated.body)
    })
    const withoutBob = join(tempDir, 'without-bob.json')
    const { readFile } = await import('node:fs/promises')
    const users = JSON.parse(await readFile(USERS_FILE, 'utf8')) as { username: string }[]
    await writeFile(withoutBob, JSON.stringify(users.filter((user) => user.username !== 'bob')))
    await withServer(
      { AUTH_MODE: 'users', USERS_FILE: withoutBob, AUTH_SECRET },
      async (server) => {
        const refresh = await postJson(server.url + API_PATHS.refresh, {
          refreshToken: auth?.refreshToken ?? '',
        })
        expect(refresh.status).toBe(401)
      },
    )
  })

  it('rate-limits failed logins, and logs neither passwords nor tokens', async () => {
    const USERS_FILE = await usersFile()
    await withServer(
      { AUTH_MODE: 'users', USERS_FILE, LOGIN_FAILURE_LIMIT: '3' },
      async (server) => {
        const statuses: number[] = []
        for (let i = 0; i < 5; i++) {
          statuses.push(
            (
              await postJson(server.url + API_PATHS.login, {
                username: 'bob',
                password: `guess${i}`,
              })
            ).status,
          )
        }
        expect(statuses).toEqual([401, 401, 401, 429, 429])
        // Even the right password is refused while limited...
        const limited = await postJson(server.url + API_PATHS.login, {
          username: 'bob',
          password: 'battery staple',
        })
        expect(limited.status).toBe(429)
        expect(httpErrorSchema.parse(limited.body).error).toBe('RATE_LIMITED')
        // ...but another account is not affected.
        const ann = await login(server.url, 'ann', 'correct horse')
        const text = server.logs.join('\n')
        expect(text).not.toContain('battery staple')
        expect(text).not.toContain('guess')
        expect(text).not.toContain(ann.accessToken)
        expect(text).not.toContain(ann.refreshToken)
      },
    )
  })
})

describe('RTC_MAX_PARTICIPANTS', () => {
  it('is reported by server info and rtc config', async () => {
    await withServer({ RTC_MAX_PARTICIPANTS: '2' }, async (server) => {
      const info = serverInfoSchema.parse(
        await (await fetch(server.url + API_PATHS.serverInfo)).json(),
      )
      expect(info.maxParticipants).toBe(2)
      const auth = await login(server.url, 'Ann')
      const config = await fetch(server.url + API_PATHS.rtcConfig, {
        headers: bearer(auth.accessToken),
      })
      expect(rtcConfigResponseSchema.parse(await config.json()).maxParticipants).toBe(2)
    })
  })
})

describe('startServer', () => {
  it('rejects when the port is taken and leaves nothing behind', async () => {
    await withServer({}, async (server) => {
      await expect(startTestServer({ PORT: String(server.port) })).rejects.toThrow(/EADDRINUSE/)
      expect((await fetch(server.url + API_PATHS.health)).status).toBe(200)
    })
  })
})

describe('static client', () => {
  it('serves index.html at /, at /<callId>, and redirects /call/<callId>; other paths 404', async () => {
    const dir = join(tempDir, 'renderer')
    await rm(dir, { recursive: true, force: true })
    const { mkdir } = await import('node:fs/promises')
    await mkdir(join(dir, 'assets'), { recursive: true })
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Parley test</title>')
    await writeFile(join(dir, 'assets', 'app.js'), 'console.log("app")')
    await withServer(
      {},
      async (server) => {
        for (const path of ['/', '/?call=abc', '/abc', '/kfr-wqzm-tbe?relay=1', '/A_b-9']) {
          const response = await fetch(server.url + path)
          expect(response.status, path).toBe(200)
          expect(await response.text()).toContain('Parley test')
          const csp = response.headers.get('content-security-policy') ?? ''
          expect(csp).toContain("frame-ancestors 'none'")
          expect(csp).toContain("connect-src 'self';")
          expect(csp).toContain("default-src 'self'")
          expect(csp).toContain("object-src 'none'")
          expect(response.headers.get('x-frame-options')).toBe('DENY')
          expect(response.headers.get('x-content-type-options')).toBe('nosniff')
        }
        const redirect = await fetch(server.url + '/call/abc?relay=1', { redirect: 'manual' })
        expect(redirect.status).toBe(302)
        expect(redirect.headers.get('location')).toBe('/abc?relay=1')
        const followed = await fetch(server.url + '/call/abc')
        expect(followed.url).toBe(server.url + '/abc')
        expect(await followed.text()).toContain('Parley test')
        const asset = await fetch(server.url + '/assets/app.js')
        expect(await asset.text()).toContain('console.log')
        // Missing assets and paths that are no call link are 404, never the page.
        for (const path of [
          '/assets/missing.js',
          '/call/abc/assets/app.js',
          '/favicon.ico',
          '/a/b',
          '/call/bad.id',
          `/${'x'.repeat(129)}`,
        ]) {
          const response = await fetch(server.url + path)
          expect(response.status, path).toBe(404)
          expect(await response.text()).not.toContain('Parley test')
        }
        const api = await fetch(server.url + '/api/v1/nothing')
        expect(api.status).toBe(404)
        expect(httpErrorSchema.parse(await api.json()).error).toBe('NOT_FOUND')
      },
      dir,
    )
  })

  it('answers a short plain message when the client is not built', async () => {
    await withServer(
      {},
      async (server) => {
        const response = await fetch(server.url + '/')
        expect(response.status).toBe(200)
        expect(response.headers.get('content-type')).toMatch(/text\/plain/)
        expect(await response.text()).toMatch(/Parley server is running/)
      },
      join(tempDir, 'missing'),
    )
  })
})
