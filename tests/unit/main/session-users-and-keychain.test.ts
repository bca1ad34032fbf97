/**
 * Two more sessions against the real reference server: a users-mode server (right and wrong
 * passwords), and, where a Secret Service is reachable (scripts/with-keyring.sh), the whole path
 * through the OS keychain: sign in, the refresh token in gnome-keyring, restore it in a new run,
 * sign out and the keychain entry is gone.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../../src/server/auth/passwords'
import type { RunningServer } from '../../../src/server/index'
import { parseBridgeError } from '../../../src/shared/bridge'
import { createSessionService } from '../../../src/main/session/session-service'
import {
  createKeytarVault,
  vaultAccount,
  type KeytarLike,
} from '../../../src/main/session/token-vault'
import {
  createSettingsStore,
  memorySettingsBackend,
} from '../../../src/main/settings/settings-store'
import { inspectableVault, manualTimers, recordingLog, startReferenceServer } from './helpers'

let dir: string
let usersServer: RunningServer

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-users-'))
  const usersFile = join(dir, 'users.json')
  writeFileSync(
    usersFile,
    JSON.stringify([
      {
        username: 'ada',
        displayName: 'Ada Lovelace',
        passwordHash: await hashPassword('correct horse'),
      },
    ]),
  )
  usersServer = await startReferenceServer({ AUTH_MODE: 'users', USERS_FILE: usersFile })
})
afterAll(async () => {
  await usersServer.close()
  rmSync(dir, { recursive: true, force: true })
})

function service(vault = inspectableVault()) {
  const settings = createSettingsStore(memorySettingsBackend(), recordingLog())
  return {
    settings,
    vault,
    session: createSessionService({
      fetch: (input, init) => fetch(input, init),
      vault,
      settings,
      embeddedServer: { ensure: async () => null, current: () => null },
      timers: manualTimers(),
      log: recordingLog(),
    }),
  }
}

describe('session service on a users-mode server', () => {
  it('reports that a password is needed', async () => {
    expect((await service().session.getServerInfo({ serverUrl: usersServer.url })).authMode).toBe(
      'users',
    )
  })

  it('signs in with the right password', async () => {
    const { session } = service()
    const info = await session.signIn({
      serverUrl: usersServer.url,
      username: 'ada',
      password: 'correct horse',
    })
    expect(info.user).toEqual({ id: 'u_ada', displayName: 'Ada Lovelace' })
    session.dispose()
  })

  it('refuses a wrong password or a missing one with SIGN_IN_FAILED, storing nothing', async () => {
    const { session, vault, settings } = service()
    for (const password of ['wrong', undefined]) {
      const error = await session
        .signIn({ serverUrl: usersServer.url, username: 'ada', ...(password ? { password } : {}) })
        .catch((e: unknown) => parseBridgeError(e))
      expect(error).toMatchObject({ code: 'SIGN_IN_FAILED' })
    }
    expect(vault.entries.size).toBe(0)
    expect(settings.get().session).toBeNull()
    expect(session.getSession()).toBeNull()
  })
})

const require = createRequire(import.meta.url)
const hasSessionBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS)

describe('session through the OS keychain (gnome-keyring over D-Bus)', () => {
  let guestServer: RunningServer
  beforeAll(async () => {
    guestServer = await startReferenceServer()
  })
  afterAll(async () => {
    await guestServer.close()
  })

  it('keeps the refresh token in the keychain, restores from it, and deletes it on sign-out', async (context) => {
    if (!hasSessionBus) {
      context.skip(
        'no D-Bus session bus here: run under scripts/with-keyring.sh, as `npm run test:unit` does',
      )
    }
    const keytar = require('keytar') as KeytarLike
    const first = service()
    const keychain = createKeytarVault(keytar)
    const firstRun = createSessionService({
      fetch: (input, init) => fetch(input, init),
      vault: keychain,
      settings: first.settings,
      embeddedServer: { ensure: async () => null, current: () => null },
      timers: manualTimers(),
      log: recordingLog(),
    })
    const signedIn = await firstRun.signIn({ serverUrl: guestServer.url, username: 'Keyring' })
    expect(signedIn.storage).toBe('keychain')
    const account = vaultAccount(guestServer.url, signedIn.user.id)
    const stored = await keytar.getPassword('Parley', account)
    expect(stored).toBeTruthy()
    expect(JSON.stringify(first.settings.get())).not.toContain(stored)
    firstRun.dispose()

    const secondRun = createSessionService({
      fetch: (input, init) => fetch(input, init),
      vault: keychain,
      settings: first.settings,
      embeddedServer: { ensure: async () => null, current: () => null },
      timers: manualTimers(),
      log: recordingLog(),
    })
    const restored = await secondRun.restore()
    expect(restored?.user.id).toBe(signedIn.user.id)
    // Rotation wrote the new refresh token back to the keychain.
    const rotated = await keytar.getPassword('Parley', account)
    expect(rotated).toBeTruthy()
    expect(rotated).not.toBe(stored)
    await secondRun.signOut()
    expect(await keytar.getPassword('Parley', account)).toBeNull()
    secondRun.dispose()
  })
})
