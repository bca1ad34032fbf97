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
      authSecretIsEphemeral: true,
      stunUrls: [],
      turnUrls: [],
      turnUsername: null,
      turnCredential: null,
      turnSecret: null,
      maxParticipants: 4,
      redisUrl: null,
      accessTokenTtlSeconds: 600,
    })
    expect(config.authSecret.length).toBe(32)
    // A fresh random key per process (here: per call).
    expect(
      Buffer.from(loadServerConfig({}).authSecret).equals(Buffer.from(config.authSecret)),
    ).toBe(false)
  })

  it('reads every variable', () => {
    const config = loadServerConfig({
      HOST: '0.0.0.0',
      PORT: '8080',
      AUTH_SECRET: 'fixed',
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
      authSecretIsEphemeral: false,
      stunUrls: ['stun:a:3478', 'stun:b:3478'],
      turnUrls: ['turn:a:3478?transport=udp', 'turns:a:443?transport=tcp'],
      turnSecret: 'shh',
      maxParticipants: 10,
      redisUrl: 'redis://127.0.0.1:6379',
      accessTokenTtlSeconds: 60,
    })
    expect(new TextDecoder().decode(config.authSecret)).toBe('fixed')
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
