/**
 * `npm run users:add -- <users.json> <username> [display name]`: adds (or replaces) a user in
 * the users file of AUTH_MODE=users, storing only a scrypt hash. The password is read from the
 * PARLEY_PASSWORD environment variable or from the first line of stdin, never from arguments
 * (they end up in shell history and `ps`).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { hashPassword } from '../src/server/auth/passwords'
import { USERNAME_PATTERN, parseUsersFile, type UserRecord } from '../src/server/auth/users'

async function readPassword(): Promise<string> {
  const fromEnv = process.env.PARLEY_PASSWORD
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  if (process.stdin.isTTY) process.stderr.write('Password: ')
  const lines = createInterface({ input: process.stdin })
  for await (const line of lines) {
    lines.close()
    return line
  }
  return ''
}

async function main(): Promise<void> {
  const [file, username, ...nameParts] = process.argv.slice(2)
  if (file === undefined || username === undefined) {
    throw new Error('usage: npm run users:add -- <users.json> <username> [display name]')
  }
  if (!USERNAME_PATTERN.test(username)) {
    throw new Error('username must be 1-64 of A-Z a-z 0-9 . _ @ -')
  }
  const displayName = (nameParts.join(' ').trim() || username).slice(0, 64)
  const password = await readPassword()
  if (password.length < 8) throw new Error('the password must be at least 8 characters')

  const users: UserRecord[] = existsSync(file) ? parseUsersFile(readFileSync(file, 'utf8')) : []
  const others = users.filter((user) => user.username.toLowerCase() !== username.toLowerCase())
  const record: UserRecord = { username, displayName, passwordHash: await hashPassword(password) }
  writeFileSync(file, `${JSON.stringify([...others, record], null, 2)}\n`, { mode: 0o600 })
  process.stdout.write(
    `${others.length === users.length ? 'Added' : 'Updated'} ${username} in ${file}\n`,
  )
}

main().catch((error: unknown) => {
  process.stderr.write(`users:add: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
