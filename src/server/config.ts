/**
 * Server configuration from the environment. Every variable is parsed here, once, so a bad
 * value stops the server at start with one line naming the variable instead of failing later
 * in the middle of a call.
 */
import { readFileSync } from 'node:fs'
import { isIP } from 'node:net'
import { isAbsolute, join, resolve } from 'node:path'
import {
  AUTH_MODES,
  DEFAULT_MAX_PARTICIPANTS,
  MAX_PARTICIPANTS,
  MIN_PARTICIPANTS,
  type AuthMode,
} from '../shared/protocol'
import { parseUsersFile, type UserRecord } from './auth/users'

export class ServerConfigError extends Error {
  override readonly name = 'ServerConfigError'
  constructor(
    readonly variable: string,
    message: string,
  ) {
    // One line, always: the CLI prints it as is.
    super(`${variable}: ${message}`.replace(/\s*\n\s*/g, ' '))
  }
}

export interface RateLimitConfig {
  /** Tokens a client may spend at once. */
  burst: number
  /** Tokens refilled per second. */
  perSecond: number
}

export interface ServerConfig {
  host: string
  port: number
  authMode: AuthMode
  /**
   * HMAC key for access and refresh tokens from AUTH_SECRET; null: a generated key, kept in
   * DATA_DIR (or shared through Redis, or for this process only when there is neither).
   */
  authSecret: Uint8Array | null
  /**
   * Where a single node keeps its generated token key and its sign-in sessions, so a restart
   * signs nobody out. Null when the environment names no such folder (an embedder's bare env).
   */
  dataDir: string | null
  /** Users mode only: where the users came from, and the users themselves. */
  usersFile: string | null
  users: UserRecord[]
  accessTokenTtlSeconds: number
  refreshTokenTtlSeconds: number
  stunUrls: string[]
  turnUrls: string[]
  turnUsername: string | null
  turnCredential: string | null
  /** coturn `use-auth-secret`: when set, TURN credentials are minted per user and expire. */
  turnSecret: string | null
  turnCredentialTtlSeconds: number
  maxParticipants: number
  redisUrl: string | null
  /** With Redis: how often each node looks for members of dead nodes in its calls. */
  deadNodeSweepSeconds: number
  /** Per-socket signaling rate limit. */
  socketRateLimit: RateLimitConfig
  /** Failed logins allowed per client address and user name before 429. */
  loginFailureLimit: RateLimitConfig
  /** Failed logins allowed per client address, whatever the names, before 429. */
  loginFailureLimitPerAddress: RateLimitConfig
  /** Requests to /api/v1/auth/* per client address, and from everyone together. */
  authRateLimitPerAddress: RateLimitConfig
  authRateLimitGlobal: RateLimitConfig
  /** Password checks running at once, and waiting; past both a sign-in gets 503 at once. */
  passwordHashConcurrency: number
  passwordHashQueue: number
  /** Engine.IO heartbeat: a silent connection is dropped after interval + timeout. */
  pingIntervalMs: number
  pingTimeoutMs: number
  /** Bytes waiting to be sent to one socket before it counts as too slow and is dropped. */
  socketSendQueueBytes: number
  /** Fastify's trustProxy: which proxies' X-Forwarded-For is believed. False: none. */
  trustProxy: false | number | string[]
  /**
   * Browser origins allowed to use the API and open sockets; null: any. `self` in the list is
   * replaced by the server's own URL once it listens.
   */
  allowedOrigins: string[] | null
}

/** HS256 keys shorter than the hash output make tokens guessable offline. */
export const MIN_AUTH_SECRET_BYTES = 32
const DEFAULT_ACCESS_TTL = 10 * 60
const DEFAULT_REFRESH_TTL = 30 * 24 * 60 * 60
const DEFAULT_TURN_TTL = 24 * 60 * 60

export function loadServerConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const authMode = parseAuthMode(env.AUTH_MODE)
  const authSecretText = env.AUTH_SECRET
  if (authSecretText !== undefined && authSecretText.length === 0) {
    throw new ServerConfigError(
      'AUTH_SECRET',
      'must not be empty (leave it unset for a generated key)',
    )
  }
  const authSecret = authSecretText === undefined ? null : new TextEncoder().encode(authSecretText)
  if (authSecret !== null && authSecret.length < MIN_AUTH_SECRET_BYTES) {
    throw new ServerConfigError(
      'AUTH_SECRET',
      `must be at least ${MIN_AUTH_SECRET_BYTES} bytes (got ${authSecret.length}); ` +
        'e.g. `openssl rand -base64 32`, or leave it unset for a generated key',
    )
  }

  const stunUrls = parseUrlList('RTC_STUN_URLS', env.RTC_STUN_URLS, ['stun:', 'stuns:'])
  const turnUrls = parseUrlList('RTC_TURN_URLS', env.RTC_TURN_URLS, ['turn:', 'turns:'])
  const turnUsername = nonEmpty(env.RTC_TURN_USERNAME)
  const turnCredential = nonEmpty(env.RTC_TURN_CREDENTIAL)
  const turnSecret = nonEmpty(env.RTC_TURN_SECRET)
  if (turnUsername !== null && turnCredential === null && turnSecret === null) {
    throw new ServerConfigError('RTC_TURN_CREDENTIAL', 'is required when RTC_TURN_USERNAME is set')
  }
  if (turnCredential !== null && turnUsername === null && turnSecret === null) {
    throw new ServerConfigError('RTC_TURN_USERNAME', 'is required when RTC_TURN_CREDENTIAL is set')
  }
  if (turnUrls.length > 0 && turnSecret === null && turnUsername === null) {
    throw new ServerConfigError(
      'RTC_TURN_URLS',
      'needs RTC_TURN_USERNAME and RTC_TURN_CREDENTIAL, or RTC_TURN_SECRET',
    )
  }

  let usersFile: string | null = null
  let users: UserRecord[] = []
  if (authMode === 'users') {
    usersFile = nonEmpty(env.USERS_FILE)
    if (usersFile === null) {
      throw new ServerConfigError('USERS_FILE', 'is required when AUTH_MODE=users')
    }
    users = readUsersFile(usersFile)
  }

  return {
    host: parseHost(env.HOST),
    port: parseInteger('PORT', env.PORT, 0, 0, 65535),
    authMode,
    authSecret,
    dataDir: parseDataDir(env),
    usersFile,
    users,
    accessTokenTtlSeconds: parseInteger(
      'ACCESS_TOKEN_TTL_SECONDS',
      env.ACCESS_TOKEN_TTL_SECONDS,
      DEFAULT_ACCESS_TTL,
      10,
      24 * 60 * 60,
    ),
    refreshTokenTtlSeconds: parseInteger(
      'REFRESH_TOKEN_TTL_SECONDS',
      env.REFRESH_TOKEN_TTL_SECONDS,
      DEFAULT_REFRESH_TTL,
      60,
      365 * 24 * 60 * 60,
    ),
    stunUrls,
    turnUrls,
    turnUsername,
    turnCredential,
    turnSecret,
    turnCredentialTtlSeconds: parseInteger(
      'RTC_TURN_CREDENTIAL_TTL_SECONDS',
      env.RTC_TURN_CREDENTIAL_TTL_SECONDS,
      DEFAULT_TURN_TTL,
      60,
      7 * 24 * 60 * 60,
    ),
    maxParticipants: parseInteger(
      'RTC_MAX_PARTICIPANTS',
      env.RTC_MAX_PARTICIPANTS,
      DEFAULT_MAX_PARTICIPANTS,
      MIN_PARTICIPANTS,
      MAX_PARTICIPANTS,
    ),
    redisUrl: parseRedisUrl(env.REDIS_URL),
    deadNodeSweepSeconds: parseInteger('REDIS_SWEEP_SECONDS', env.REDIS_SWEEP_SECONDS, 10, 1, 3600),
    socketRateLimit: {
      // A joiner of a ten-person call sends nine offers and a few dozen candidates per peer at once.
      burst: parseInteger('SOCKET_RATE_LIMIT_BURST', env.SOCKET_RATE_LIMIT_BURST, 500, 1, 1e6),
      perSecond: parseInteger(
        'SOCKET_RATE_LIMIT_PER_SECOND',
        env.SOCKET_RATE_LIMIT_PER_SECOND,
        200,
        1,
        1e6,
      ),
    },
    loginFailureLimit: {
      burst: parseInteger('LOGIN_FAILURE_LIMIT', env.LOGIN_FAILURE_LIMIT, 5, 1, 1000),
      // One failed attempt forgiven per minute.
      perSecond: 1 / 60,
    },
    loginFailureLimitPerAddress: {
      burst: parseInteger(
        'LOGIN_FAILURE_LIMIT_PER_ADDRESS',
        env.LOGIN_FAILURE_LIMIT_PER_ADDRESS,
        20,
        1,
        100_000,
      ),
      // Forgiven as slowly as the per-name limit: this one stops a password tried on every name.
      perSecond: 1 / 60,
    },
    authRateLimitPerAddress: perMinute(
      parseInteger('AUTH_RATE_LIMIT_PER_ADDRESS', env.AUTH_RATE_LIMIT_PER_ADDRESS, 60, 1, 1e6),
    ),
    authRateLimitGlobal: perMinute(
      parseInteger('AUTH_RATE_LIMIT_GLOBAL', env.AUTH_RATE_LIMIT_GLOBAL, 1200, 1, 1e7),
    ),
    passwordHashConcurrency: parseInteger(
      'PASSWORD_HASH_CONCURRENCY',
      env.PASSWORD_HASH_CONCURRENCY,
      2,
      1,
      64,
    ),
    passwordHashQueue: parseInteger('PASSWORD_HASH_QUEUE', env.PASSWORD_HASH_QUEUE, 8, 0, 1000),
    pingIntervalMs:
      parseInteger('SOCKET_PING_INTERVAL_SECONDS', env.SOCKET_PING_INTERVAL_SECONDS, 2, 1, 300) *
      1000,
    pingTimeoutMs:
      parseInteger('SOCKET_PING_TIMEOUT_SECONDS', env.SOCKET_PING_TIMEOUT_SECONDS, 3, 1, 300) *
      1000,
    socketSendQueueBytes: parseInteger(
      'SOCKET_SEND_QUEUE_BYTES',
      env.SOCKET_SEND_QUEUE_BYTES,
      2 * 1024 * 1024,
      64 * 1024,
      1024 * 1024 * 1024,
    ),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    allowedOrigins: parseAllowedOrigins(env.ALLOWED_ORIGINS),
  }
}

/** A bucket of `count` that refills fully in one minute. */
function perMinute(count: number): RateLimitConfig {
  return { burst: count, perSecond: count / 60 }
}

/**
 * DATA_DIR, else the XDG data folder, else ~/.local/share; a relative DATA_DIR is taken from the
 * working directory. Null when the environment names none of them (an embedder's bare env).
 */
function parseDataDir(env: NodeJS.ProcessEnv): string | null {
  const explicit = nonEmpty(env.DATA_DIR)
  if (explicit !== null) return resolve(explicit)
  const xdg = nonEmpty(env.XDG_DATA_HOME)
  if (xdg !== null && isAbsolute(xdg)) return join(xdg, 'parley-server')
  const home = nonEmpty(env.HOME)
  if (home !== null && isAbsolute(home)) return join(home, '.local', 'share', 'parley-server')
  return null
}

const PROXY_KEYWORDS = ['loopback', 'linklocal', 'uniquelocal']

/** A hop count, or addresses/CIDRs/keywords; never `true` (that would trust any client). */
function parseTrustProxy(value: string | undefined): false | number | string[] {
  const text = nonEmpty(value)
  if (text === null) return false
  if (/^\d+$/.test(text)) {
    return parseInteger('TRUST_PROXY', text, 0, 0, 32) || false
  }
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split('/')
    const family = isIP(address ?? '')
    const prefixOk =
      prefix === undefined ||
      (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32))
    if (!PROXY_KEYWORDS.includes(entry) && (family === 0 || !prefixOk || extra !== undefined)) {
      throw new ServerConfigError(
        'TRUST_PROXY',
        `${JSON.stringify(entry.slice(0, 64))} is not a hop count, an IP address, a CIDR or one of ${PROXY_KEYWORDS.join(', ')}`,
      )
    }
  }
  return entries
}

/** Comma-separated origins (`scheme://host[:port]`) and `self`; unset: any origin. */
function parseAllowedOrigins(value: string | undefined): string[] | null {
  const text = nonEmpty(value)
  if (text === null) return null
  const origins: string[] = []
  for (const entry of text.split(',').map((part) => part.trim())) {
    if (entry === '') continue
    if (entry === 'self') {
      origins.push(entry)
      continue
    }
    const url = URL.canParse(entry) ? new URL(entry) : null
    // An origin is scheme, host and port only: no path, no trailing slash, no credentials.
    // Custom schemes (app://parley) have an opaque origin ('null'); spell theirs out.
    const origin =
      url && url.origin !== 'null' ? url.origin : `${url?.protocol ?? ''}//${url?.host ?? ''}`
    if (!url || entry.replace(/\/$/, '').toLowerCase() !== origin || url.host === '') {
      throw new ServerConfigError(
        'ALLOWED_ORIGINS',
        `${JSON.stringify(entry.slice(0, 100))} is not an origin like http://127.0.0.1:8080 or app://parley`,
      )
    }
    origins.push(origin)
  }
  return origins
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim()
  return trimmed === undefined || trimmed === '' ? null : trimmed
}

function parseHost(value: string | undefined): string {
  if (value === undefined) return '127.0.0.1'
  const host = value.trim()
  if (host === '' || /[\s/]/.test(host)) {
    throw new ServerConfigError('HOST', 'must be a host name or IP address')
  }
  return host
}

function parseAuthMode(value: string | undefined): AuthMode {
  if (value === undefined || value.trim() === '') return 'guest'
  const mode = AUTH_MODES.find((candidate) => candidate === value.trim())
  if (mode === undefined) {
    throw new ServerConfigError('AUTH_MODE', `must be one of ${AUTH_MODES.join(', ')}`)
  }
  return mode
}

function parseInteger(
  variable: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined || value.trim() === '') return fallback
  const text = value.trim()
  const parsed = /^\d+$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new ServerConfigError(
      variable,
      `must be a whole number from ${min} to ${max} (got ${JSON.stringify(text.slice(0, 32))})`,
    )
  }
  return parsed
}

/** Comma-separated; unset or empty means an empty list. */
function parseUrlList(variable: string, value: string | undefined, schemes: string[]): string[] {
  if (value === undefined) return []
  const urls = value
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '')
  for (const url of urls) {
    if (!schemes.some((scheme) => url.startsWith(scheme)) || /\s/.test(url)) {
      throw new ServerConfigError(
        variable,
        `${JSON.stringify(url.slice(0, 100))} is not a ${schemes.join(' or ')} URL`,
      )
    }
  }
  return urls
}

function parseRedisUrl(value: string | undefined): string | null {
  const text = nonEmpty(value)
  if (text === null) return null
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new ServerConfigError('REDIS_URL', 'is not a URL (expected redis://host:port)')
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ServerConfigError('REDIS_URL', 'must start with redis:// or rediss://')
  }
  return text
}

function readUsersFile(path: string): UserRecord[] {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable'
    throw new ServerConfigError('USERS_FILE', `cannot read ${path} (${reason})`)
  }
  try {
    return parseUsersFile(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'invalid'
    throw new ServerConfigError('USERS_FILE', `${path} is not a valid users file: ${reason}`)
  }
}
