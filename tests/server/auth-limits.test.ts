/**
 * The sign-in routes under attack: floods from one address and from many, spoofed
 * X-Forwarded-For, one wrong password tried on many names, and a crowd of password checks.
 * Each is limited, and the limits key on the real peer address unless TRUST_PROXY names a proxy.
 */
import { randomBytes, scryptSync } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_PATHS, httpErrorSchema } from '../../src/shared/protocol'
import { hashPassword } from '../../src/server/auth/passwords'
import { postJson, startTestServer, type TestServer } from './helpers'

let tempDir: string
beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'parley-auth-limits-'))
})
afterAll(async () => {
  await rm(tempDir, { recursive: true, force: true })
})

async function withServer(env: Record<string, string>, run: (server: TestServer) => Promise<void>) {
  const server = await startTestServer(env)
  try {
    await run(server)
  } finally {
    await server.close()
  }
}

/** A refresh with a bad token: cheap for the attacker, and a 401 when not limited. */
async function refreshFrom(server: TestServer, forwardedFor?: string) {
  const headers: Record<string, string> = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}
  return postJson(server.url + API_PATHS.refresh, { refreshToken: 'not-a-token' }, headers)
}

async function statuses(count: number, request: (i: number) => Promise<{ status: number }>) {
  const result: number[] = []
  for (let i = 0; i < count; i++) result.push((await request(i)).status)
  return result
}

async function usersFile(users: { username: string; passwordHash: string }[]) {
  const path = join(tempDir, `users-${randomBytes(4).toString('hex')}.json`)
  await writeFile(
    path,
    JSON.stringify(users.map((user) => ({ ...user, displayName: user.username }))),
  )
  return path
}

describe('/api/v1/auth/* rate limits', () => {
  it('limits each address, with Retry-After, and only the sign-in routes', async () => {
    await withServer({ AUTH_RATE_LIMIT_PER_ADDRESS: '5' }, async (server) => {
      expect(await statuses(8, () => refreshFrom(server))).toEqual([
        401, 401, 401, 401, 401, 429, 429, 429,
      ])
      const login = await postJson(server.url + API_PATHS.login, { username: 'Ann' })
      expect(login.status).toBe(429)
      expect(httpErrorSchema.parse(login.body).error).toBe('RATE_LIMITED')
      const response = await fetch(server.url + API_PATHS.logout, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
      expect(response.status).toBe(429)
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(response.headers.get('cache-control')).toBe('no-store')
      // Everything else answers as usual.
      expect((await fetch(server.url + API_PATHS.serverInfo)).status).toBe(200)
      expect((await fetch(server.url + API_PATHS.health)).status).toBe(200)
    })
  })

  it('ignores X-Forwarded-For without TRUST_PROXY: spoofed addresses share one limit', async () => {
    await withServer({ AUTH_RATE_LIMIT_PER_ADDRESS: '5' }, async (server) => {
      const results = await statuses(8, (i) => refreshFrom(server, `203.0.113.${i + 1}`))
      expect(results).toEqual([401, 401, 401, 401, 401, 429, 429, 429])
    })
  })

  it('honours X-Forwarded-For from the proxy TRUST_PROXY names, and only from it', async () => {
    await withServer(
      { AUTH_RATE_LIMIT_PER_ADDRESS: '3', TRUST_PROXY: '127.0.0.1' },
      async (server) => {
        expect(await statuses(4, () => refreshFrom(server, '203.0.113.7'))).toEqual([
          401, 401, 401, 429,
        ])
        // Another client behind the same proxy has its own allowance.
        expect(await statuses(3, () => refreshFrom(server, '203.0.113.8'))).toEqual([401, 401, 401])
        // A client that prepends a forged address is still known by what the proxy saw.
        expect((await refreshFrom(server, '198.51.100.1, 203.0.113.7')).status).toBe(429)
      },
    )
    // A proxy that is not ours: its header is ignored, and the limit is the peer's.
    await withServer(
      { AUTH_RATE_LIMIT_PER_ADDRESS: '3', TRUST_PROXY: '198.51.100.0/24' },
      async (server) => {
        const results = await statuses(4, (i) => refreshFrom(server, `203.0.113.${i + 1}`))
        expect(results).toEqual([401, 401, 401, 429])
      },
    )
  })

  it('limits everyone together, whatever their addresses', async () => {
    await withServer(
      { AUTH_RATE_LIMIT_PER_ADDRESS: '1000', AUTH_RATE_LIMIT_GLOBAL: '6', TRUST_PROXY: '1' },
      async (server) => {
        const results = await statuses(10, (i) => refreshFrom(server, `203.0.113.${i + 1}`))
        expect(results).toEqual([401, 401, 401, 401, 401, 401, 429, 429, 429, 429])
      },
    )
  })

  it('lets a sign-in flood from one address open only its allowance of sessions', async () => {
    await withServer({ AUTH_RATE_LIMIT_PER_ADDRESS: '20' }, async (server) => {
      const results = await statuses(300, () =>
        postJson(server.url + API_PATHS.login, { username: 'Flood' }),
      )
      expect(results.filter((status) => status === 200)).toHaveLength(20)
      expect(results.filter((status) => status === 429)).toHaveLength(280)
    })
  })
})

describe('failed sign-ins (users mode)', () => {
  it('limits one address trying one password on many names', async () => {
    const users = await Promise.all(
      ['ann', 'ben', 'cat'].map(async (username) => ({
        username,
        passwordHash: await hashPassword(`${username}-password`),
      })),
    )
    const USERS_FILE = await usersFile(users)
    await withServer(
      {
        AUTH_MODE: 'users',
        USERS_FILE,
        LOGIN_FAILURE_LIMIT_PER_ADDRESS: '5',
        TRUST_PROXY: 'loopback',
      },
      async (server) => {
        const attacker = { 'x-forwarded-for': '203.0.113.66' }
        const sprayed = await statuses(7, (i) =>
          postJson(
            server.url + API_PATHS.login,
            { username: `name${i}`, password: 'Winter2026!' },
            attacker,
          ),
        )
        expect(sprayed).toEqual([401, 401, 401, 401, 401, 429, 429])
        // A name never tried, with its right password, is refused too from that address...
        const limited = await postJson(
          server.url + API_PATHS.login,
          { username: 'ann', password: 'ann-password' },
          attacker,
        )
        expect(limited.status).toBe(429)
        // ...and answered by someone else's address as usual.
        const other = await postJson(
          server.url + API_PATHS.login,
          { username: 'ann', password: 'ann-password' },
          { 'x-forwarded-for': '203.0.113.67' },
        )
        expect(other.status).toBe(200)
      },
    )
  })

  it('runs few password checks at once and turns the crowd away quickly with 503', async () => {
    // A deliberately slow hash (N=2^16), so the crowd really overlaps.
    const salt = randomBytes(16)
    const hash = scryptSync('right', salt, 32, { N: 65536, r: 8, p: 1, maxmem: 128 * 1024 * 1024 })
    const passwordHash = `scrypt$N=65536,r=8,p=1$${salt.toString('base64')}$${hash.toString('base64')}`
    const USERS_FILE = await usersFile([{ username: 'ann', passwordHash }])
    await withServer(
      {
        AUTH_MODE: 'users',
        USERS_FILE,
        TRUST_PROXY: '127.0.0.1',
        PASSWORD_HASH_CONCURRENCY: '1',
        PASSWORD_HASH_QUEUE: '1',
      },
      async (server) => {
        const crowd = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            fetch(server.url + API_PATHS.login, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                'x-forwarded-for': `203.0.113.${i + 1}`,
              },
              body: JSON.stringify({ username: 'ann', password: `guess-${i}` }),
            }),
          ),
        )
        const codes = crowd.map((response) => response.status)
        // At most one running and one waiting at any moment: most of the crowd is refused.
        expect(codes.filter((code) => code === 401).length).toBeGreaterThanOrEqual(1)
        expect(codes.filter((code) => code === 503).length).toBeGreaterThanOrEqual(6)
        expect(codes.every((code) => code === 401 || code === 503)).toBe(true)
        const busy = crowd.find((response) => response.status === 503)
        expect(busy?.headers.get('retry-after')).toBe('1')
        expect(httpErrorSchema.parse(await busy?.json()).error).toBe('BUSY')
        // Once the crowd is gone, the right password works.
        const ok = await postJson(
          server.url + API_PATHS.login,
          { username: 'ann', password: 'right' },
          { 'x-forwarded-for': '203.0.113.200' },
        )
        expect(ok.status).toBe(200)
      },
    )
  })
})
