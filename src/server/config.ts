/**
 * Server configuration from the environment. Every variable is parsed here, once, so a bad
 * value stops the server at start with one line naming the variable instead of failing later
 * in the middle of a call.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
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
  /** HMAC key for access and refresh tokens. */
  authSecret: Uint8Array
  /** True when AUTH_SECRET was not given and a random key was made for this process. */
  authSecretIsEphemeral: boolean
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
}

const DEFAULT_ACCESS_TTL = 10 * 60
const DEFAULT_REFRESH_TTL = 30 * 24 * 60 * 60
const DEFAULT_TURN_TTL = 24 * 60 * 60

export function loadServerConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const authMode = parseAuthMode(env.AUTH_MODE)
  const authSecretText = env.AUTH_SECRET
  if (authSecretText !== undefined && authSecretText.length === 0) {
    throw new ServerConfigError(
      'AUTH_SECRET',
      'must not be empty (leave it unset for a random key)',
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
    authSecret:
      authSecretText === undefined ? randomBytes(32) : new TextEncoder().encode(authSecretText),
    authSecretIsEphemeral: authSecretText === undefined,
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
  }
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
