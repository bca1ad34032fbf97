/**
 * The users file of `AUTH_MODE=users`: a JSON array of `{ username, displayName, passwordHash }`.
 * Passwords are kept only as scrypt hashes (see passwords.ts).
 */
import { z } from 'zod'
import { displayNameSchema } from '../../shared/protocol'
import { parsePasswordHash } from './passwords'

export const USERNAME_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/

const userRecordSchema = z.object({
  username: z.string().regex(USERNAME_PATTERN, 'username must be 1-64 of A-Z a-z 0-9 . _ @ -'),
  displayName: displayNameSchema,
  passwordHash: z
    .string()
    .refine((hash) => parsePasswordHash(hash) !== null, 'passwordHash is not a scrypt$… hash'),
})
const usersFileSchema = z.array(userRecordSchema)

export type UserRecord = z.infer<typeof userRecordSchema>

export function parseUsersFile(text: string): UserRecord[] {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new Error('not JSON')
  }
  const result = usersFileSchema.safeParse(json)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new Error(`${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim())
  }
  const seen = new Set<string>()
  for (const user of result.data) {
    const key = user.username.toLowerCase()
    if (seen.has(key)) throw new Error(`duplicate username ${user.username}`)
    seen.add(key)
  }
  return result.data
}

/** Users mode ids are stable across restarts and logins so the same person is one participant. */
export function userIdFor(username: string): string {
  return `u_${username.toLowerCase()}`
}

export function findUser(users: readonly UserRecord[], username: string): UserRecord | undefined {
  const key = username.toLowerCase()
  return users.find((user) => user.username.toLowerCase() === key)
}
