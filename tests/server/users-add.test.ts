/** `npm run users:add` writes a users file the server accepts, with only a hash of the password. */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { API_PATHS } from '../../src/shared/protocol'
import { login, postJson, startTestServer } from './helpers'

const tsxLoader = createRequire(import.meta.url).resolve('tsx')
let tempDir: string
beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'parley-users-add-'))
})
afterAll(async () => {
  await rm(tempDir, { recursive: true, force: true })
})

function usersAdd(
  args: string[],
  password: string,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', tsxLoader, 'scripts/users-add.ts', ...args], {
    env: { PATH: process.env.PATH ?? '', PARLEY_PASSWORD: password },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })))
}

it('adds and updates users that can then sign in', async () => {
  const file = join(tempDir, 'users.json')
  expect((await usersAdd([file, 'ann', 'Ann', 'Example'], 'first password')).code).toBe(0)
  expect((await usersAdd([file, 'bob'], 'bobs password')).code).toBe(0)
  expect((await usersAdd([file, 'ann', 'Ann', 'Example'], 'second password')).code).toBe(0)
  const text = await readFile(file, 'utf8')
  for (const secret of ['first password', 'second password', 'bobs password']) {
    expect(text).not.toContain(secret)
  }
  expect(JSON.parse(text)).toHaveLength(2)

  const server = await startTestServer({ AUTH_MODE: 'users', USERS_FILE: file })
  try {
    expect((await login(server.url, 'ann', 'second password')).user.displayName).toBe('Ann Example')
    expect((await login(server.url, 'bob', 'bobs password')).user.displayName).toBe('bob')
    const old = await postJson(server.url + API_PATHS.login, {
      username: 'ann',
      password: 'first password',
    })
    expect(old.status).toBe(401)
  } finally {
    await server.close()
  }
})

it('refuses a bad user name and a short password', async () => {
  const file = join(tempDir, 'refused.json')
  expect((await usersAdd([file, 'bad name'], 'long enough password')).code).toBe(1)
  const short = await usersAdd([file, 'ann'], 'short')
  expect(short.code).toBe(1)
  expect(short.stderr).toMatch(/at least 8/)
})
