/**
 * Password hashes in a self-describing form, `scrypt$N=16384,r=8,p=1$<salt>$<hash>` (base64),
 * so the cost can be raised later without breaking stored hashes.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

const KEY_LENGTH = 32
const DEFAULT_PARAMS = { N: 16384, r: 8, p: 1 } as const
const HASH_PATTERN = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/

interface ParsedHash {
  params: { N: number; r: number; p: number }
  salt: Buffer
  hash: Buffer
}

function scryptAsync(password: string, salt: Buffer, length: number, options: ScryptOptions) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key)))
  })
}

export function parsePasswordHash(text: string): ParsedHash | null {
  const match = HASH_PATTERN.exec(text)
  if (!match) return null
  const [, n, r, p, salt, hash] = match
  const params = { N: Number(n), r: Number(r), p: Number(p) }
  // Bounds keep a hostile users file from asking for gigabytes of memory per login.
  const powerOfTwo = (params.N & (params.N - 1)) === 0
  if (!powerOfTwo || params.N < 1024 || params.N > 1 << 20 || params.r < 1 || params.r > 32) {
    return null
  }
  if (params.p < 1 || params.p > 16) return null
  const saltBytes = Buffer.from(salt ?? '', 'base64')
  const hashBytes = Buffer.from(hash ?? '', 'base64')
  if (saltBytes.length < 8 || hashBytes.length < 16) return null
  return { params, salt: saltBytes, hash: hashBytes }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const { N, r, p } = DEFAULT_PARAMS
  const hash = await scryptAsync(password, salt, KEY_LENGTH, { ...DEFAULT_PARAMS, maxmem: 64e6 })
  return `scrypt$N=${N},r=${r},p=${p}$${salt.toString('base64')}$${hash.toString('base64')}`
}

/** A hash of nothing anyone knows, checked for unknown users so timing does not tell them apart. */
let dummyHash: Promise<string> | null = null
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'))
  return dummyHash
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored)
  if (!parsed) return false
  const { N, r, p } = parsed.params
  const candidate = await scryptAsync(password, parsed.salt, parsed.hash.length, {
    N,
    r,
    p,
    maxmem: 256 * N * r + 1024 * 1024 * 16,
  })
  return candidate.length === parsed.hash.length && timingSafeEqual(candidate, parsed.hash)
}
