/** The embedded default: the real reference server started in-process, loopback and guest only. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadServerConfig, startServer } from '../../../src/server/index'
import {
  createEmbeddedServer,
  embeddedServerEnv,
  type EmbeddedServer,
} from '../../../src/main/embedded-server'
import { recordingLog } from './helpers'

let embedded: EmbeddedServer | null = null
let dataRoot: string | null = null
afterEach(async () => {
  await embedded?.stop()
  embedded = null
  if (dataRoot) rmSync(dataRoot, { recursive: true, force: true })
  dataRoot = null
})

/** A fresh data folder per test, as main makes one under the user data folder. */
function dataDir(): string {
  dataRoot ??= mkdtempSync(join(tmpdir(), 'parley-embedded-'))
  return dataRoot
}

describe('embedded server', () => {
  it('asks for loopback, guest mode, its data folder and no public STUN/TURN', () => {
    expect(embeddedServerEnv(0, '/data/parley/embedded-server', 'app://parley')).toEqual({
      HOST: '127.0.0.1',
      PORT: '0',
      AUTH_MODE: 'guest',
      DATA_DIR: '/data/parley/embedded-server',
      ALLOWED_ORIGINS: 'self,app://parley',
    })
  })

  it('does not start without a data folder, and says why', async () => {
    const log = recordingLog()
    let starts = 0
    embedded = createEmbeddedServer({
      start: async (env) => {
        starts += 1
        return startServer(loadServerConfig(env), {})
      },
      preferredPort: 0,
      dataDir: () => {
        throw new Error('EACCES: permission denied')
      },
      pageOrigin: 'app://parley',
      log,
    })
    expect(await embedded.ensure()).toBeNull()
    expect(starts).toBe(0)
    expect(log.lines.some((line) => /no data folder/.test(line.message))).toBe(true)
  })

  it('starts the reference server on first need only, once, on 127.0.0.1 in guest mode', async () => {
    let starts = 0
    embedded = createEmbeddedServer({
      start: async (env) => {
        starts += 1
        return startServer(loadServerConfig(env), {})
      },
      preferredPort: 0,
      dataDir,
      pageOrigin: 'app://parley',
      log: recordingLog(),
    })
    expect(embedded.current()).toBeNull()
    expect(starts).toBe(0)
    const [a, b] = await Promise.all([embedded.ensure(), embedded.ensure()])
    expect(starts).toBe(1)
    expect(a?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(b?.url).toBe(a?.url)
    const info = (await (await fetch(`${a?.url}/api/v1/server-info`)).json()) as {
      authMode: string
    }
    expect(info.authMode).toBe('guest')
    await embedded.stop()
    expect(embedded.current()).toBeNull()
    await expect(fetch(`${a?.url}/healthz`)).rejects.toThrow()
  })

  it('falls back to any free port when the preferred one is taken', async () => {
    const blocker = await startServer(
      loadServerConfig({ HOST: '127.0.0.1', PORT: '0', AUTH_MODE: 'guest' }),
      {},
    )
    try {
      embedded = createEmbeddedServer({
        start: (env) => startServer(loadServerConfig(env), {}),
        preferredPort: blocker.port,
        dataDir,
        pageOrigin: 'app://parley',
        log: recordingLog(),
      })
      const handle = await embedded.ensure()
      expect(handle?.url).not.toBe(blocker.url)
    } finally {
      await blocker.close()
    }
  })

  it('reports null (not a crash) when it cannot start', async () => {
    const log = recordingLog()
    embedded = createEmbeddedServer({
      start: async () => {
        throw new Error('EACCES')
      },
      preferredPort: 0,
      dataDir,
      pageOrigin: 'app://parley',
      log,
    })
    expect(await embedded.ensure()).toBeNull()
    expect(log.lines.some((line) => line.level === 'warn')).toBe(true)
  })
})
