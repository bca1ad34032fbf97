import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ServerConfigError, loadServerConfig } from '../../src/server'
import { hashPassword } from '../../src/server/auth/passwords'

let tempDir: string
beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'parley-config-'))
})
afterAll(async () => {
  await rm(tempDir, { recursive: true, force: true })
})

function configError(env: NodeJS.ProcessEnv): ServerConfigError {
  try {
    loadServerConfig(env)
  } catch (error) {
    if (error instanceof ServerConfigError) return error
    throw error
  }
  throw new Error('expected a ServerConfigError')
}

describe('loadServerConfig', () => {
  it('has safe defaults', () => {
    const config = loadServerConfig({})
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 0,
      authMode: 'guest',
      authSecret: null,
      dataDir: null,
      stunUrls: [],
      turnUrls: [],
      turnUsername: null,
      turnCredential: null,
      turnSecret: null,
      maxParticipants: 4,
      redisUrl: null,
      accessTokenTtlSeconds: 600,
      pingIntervalMs: 2000,
      pingTimeoutMs: 3000,
      trustProxy: false,
      allowedOrigins: null,
    })
  })

  it('keeps data in DATA_DIR, else the XDG data folder, else ~/.local/share', () => {
    expect(loadServerConfig({ DATA_DIR: '/srv/parley' }).dataDir).toBe('/srv/parley')
    expect(loadServerConfig({ DATA_DIR: 'data', HOME: '/home/a' }).dataDir).toBe(
      join(process.cwd(), 'data'),
    )
    expect(loadServerConfig({ XDG_DATA_HOME: '/x', HOME: '/home/a' }).dataDir).toBe(
      '/x/parley-server',
    )
    expect(loadServerConfig({ HOME: '/home/a' }).dataDir).toBe('/home/a/.local/share/parley-server')
  })

  it('reads TRUST_PROXY as hops or addresses, never as "trust everyone"', () => {
    expect(loadServerConfig({}).trustProxy).toBe(false)
    expect(loadServerConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1)
    expect(loadServerConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false)
    expect(
      loadServerConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,loopback' }).trustProxy,
    ).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'loopback'])
  })

  it('reads ALLOWED_ORIGINS as exact origins', () => {
    expect(
      loadServerConfig({ ALLOWED_ORIGINS: 'self, app://parley, http://127.0.0.1:8080/' })
        .allowedOrigins,
    ).toEqual(['self', 'app://parley', 'http://127.0.0.1:8080'])
  })

  it('reads every variable', () => {
    const config = loadServerConfig({
      HOST: '0.0.0.0',
      PORT: '8080',
      AUTH_SECRET: 'fixed-and-long-enough-0123456789abcdef',
      RTC_STUN_URLS: 'stun:a:3478,stun:b:3478',
      RTC_TURN_URLS: 'turn:a:3478?transport=udp,turns:a:443?transport=tcp',
      RTC_TURN_SECRET: 'shh',
      RTC_MAX_PARTICIPANTS: '10',
      REDIS_URL: 'redis://127.0.0.1:6379',
      ACCESS_TOKEN_TTL_SECONDS: '60',
    })
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      stunUrls: ['stun:a:3478', 'stun:b:3478'],
      turnUrls: ['turn:a:3478?transport=udp', 'turns:a:443?transport=tcp'],
      turnSecret: 'shh',
      maxParticipants: 10,
      redisUrl: 'redis://127.0.0.1:6379',
      accessTokenTtlSeconds: 60,
    })
    expect(new TextDecoder().decode(config.authSecret ?? undefined)).toBe(
      'fixed-and-long-enough-0123456789abcdef',
    )
  })

  it('treats an empty list variable as an empty list', () => {
    expect(loadServerConfig({ RTC_STUN_URLS: '', RTC_TURN_URLS: ' , ' })).toMatchObject({
      stunUrls: [],
      turnUrls: [],
    })
  })

  it.each([
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '-1' }, 'PORT'],
    [{ HOST: ' ' }, 'HOST'],
    [{ AUTH_MODE: 'admin' }, 'AUTH_MODE'],
    [{ AUTH_SECRET: '' }, 'AUTH_SECRET'],
    [{ AUTH_SECRET: 'short' }, 'AUTH_SECRET'],
    [{ AUTH_SECRET: 'x'.repeat(31) }, 'AUTH_SECRET'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '*' }, 'TRUST_PROXY'],
    [{ ALLOWED_ORIGINS: '*' }, 'ALLOWED_ORIGINS'],
    [{ ALLOWED_ORIGINS: 'http://a.example/path' }, 'ALLOWED_ORIGINS'],
    [{ SOCKET_PING_TIMEOUT_SECONDS: '0' }, 'SOCKET_PING_TIMEOUT_SECONDS'],
    [{ SOCKET_SEND_QUEUE_BYTES: '10' }, 'SOCKET_SEND_QUEUE_BYTES'],
    [{ PASSWORD_HASH_CONCURRENCY: '0' }, 'PASSWORD_HASH_CONCURRENCY'],
    [{ RTC_MAX_PARTICIPANTS: '1' }, 'RTC_MAX_PARTICIPANTS'],
    [{ RTC_MAX_PARTICIPANTS: '11' }, 'RTC_MAX_PARTICIPANTS'],
    [{ RTC_MAX_PARTICIPANTS: '4.5' }, 'RTC_MAX_PARTICIPANTS'],
    [{ RTC_STUN_URLS: 'http://example.org' }, 'RTC_STUN_URLS'],
    [{ RTC_TURN_URLS: 'stun:a:3478', RTC_TURN_SECRET: 'x' }, 'RTC_TURN_URLS'],
    [{ RTC_TURN_URLS: 'turn:a:3478' }, 'RTC_TURN_URLS'],
    [{ RTC_TURN_URLS: 'turn:a:3478', RTC_TURN_USERNAME: 'u' }, 'RTC_TURN_CREDENTIAL'],
    [{ RTC_TURN_CREDENTIAL: 'p' }, 'RTC_TURN_USERNAME'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL'],
    [{ AUTH_MODE: 'users' }, 'USERS_FILE'],
    [{ AUTH_MODE: 'users', USERS_FILE: '/nonexistent/users.json' }, 'USERS_FILE'],
    [{ ACCESS_TOKEN_TTL_SECONDS: '1' }, 'ACCESS_TOKEN_TTL_SECONDS'],
    [{ REDIS_SWEEP_SECONDS: '0' }, 'REDIS_SWEEP_SECONDS'],
    [{ SOCKET_RATE_LIMIT_BURST: 'lots' }, 'SOCKET_RATE_LIMIT_BURST'],
  ])('refuses %j with one line naming %s', (env, variable) => {
    const error = configError(env)
    expect(error.variable).toBe(variable)
    expect(error.message.startsWith(variable)).toBe(true)
    expect(error.message).not.toContain('\n')
  })

  it('loads a users file and refuses a malformed one', async () => {
    const good = join(tempDir, 'good.json')
    await writeFile(
      good,
      JSON.stringify([
        { username: 'ann', displayName: 'Ann', passwordHash: await hashPassword('pw') },
      ]),
    )
    expect(loadServerConfig({ AUTH_MODE: 'users', USERS_FILE: good }).users).toHaveLength(1)

    const bad: [string, unknown][] = [
      ['not-json.json', '{'],
      ['plain-password.json', [{ username: 'ann', displayName: 'Ann', passwordHash: 'secret' }]],
      [
        'bad-name.json',
        [{ username: 'a b', displayName: 'Ann', passwordHash: await hashPassword('pw') }],
      ],
      [
        'duplicate.json',
        [
          { username: 'ann', displayName: 'Ann', passwordHash: await hashPassword('pw') },
          { username: 'ANN', displayName: 'Ann 2', passwordHash: await hashPassword('pw') },
        ],
      ],
    ]
    for (const [name, content] of bad) {
      const path = join(tempDir, name)
      await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content))
      const error = configError({ AUTH_MODE: 'users', USERS_FILE: path })
      expect(error.variable).toBe('USERS_FILE')
      expect(error.message).not.toContain('\n')
    }
  })
})
