/**
 * The HTTP API of PROTOCOL.md: health, server info, sign-in (login, refresh, logout) and the RTC
 * config. Bodies are parsed with the shared schemas; a bad one gets 400 with a reason. Tokens and
 * passwords are never logged (Fastify's request logger is off and nothing here prints a body).
 */
import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import {
  API_PATHS,
  loginRequestSchema,
  logoutRequestSchema,
  refreshRequestSchema,
  type HttpError,
  type ServerInfo,
} from '../shared/protocol'
import { dummyPasswordHash, verifyPassword } from './auth/passwords'
import { TokenError, type TokenService, type TokenUser } from './auth/tokens'
import { findUser, userIdFor } from './auth/users'
import { ConcurrencyLimit } from './concurrency-limit'
import type { ServerConfig } from './config'
import { KeyedRateLimiter, TokenBucket } from './rate-limit'
import { buildRtcConfig } from './rtc-config'

export interface HttpRoutesOptions {
  config: ServerConfig
  tokens: TokenService
}

export function sendHttpError(reply: FastifyReply, status: number, error: string, message: string) {
  const body: HttpError = { error, message }
  return reply.code(status).type('application/json; charset=utf-8').send(body)
}

export async function bearerUser(
  request: FastifyRequest,
  tokens: TokenService,
): Promise<TokenUser | null> {
  const header = request.headers.authorization
  const match = typeof header === 'string' ? /^Bearer ([^\s]{1,4096})$/i.exec(header.trim()) : null
  if (!match?.[1]) return null
  try {
    return (await tokens.verifyAccess(match[1])).user
  } catch (error) {
    if (error instanceof TokenError) return null
    throw error
  }
}

function parseBody<S extends z.ZodType>(
  schema: S,
  request: FastifyRequest,
  reply: FastifyReply,
): z.infer<S> | null {
  const result = schema.safeParse(request.body)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : ''
  void sendHttpError(reply, 400, 'INVALID_PAYLOAD', `${where}${issue?.message ?? 'invalid body'}`)
  return null
}

const AUTH_PREFIX = '/api/v1/auth/'

function rateLimited(reply: FastifyReply, retryAfterSeconds: number, message: string) {
  reply.header('retry-after', String(retryAfterSeconds))
  return sendHttpError(reply, 429, 'RATE_LIMITED', message)
}

export function registerHttpRoutes(app: FastifyInstance, { config, tokens }: HttpRoutesOptions) {
  const failedLogins = new KeyedRateLimiter(config.loginFailureLimit)
  const failedLoginsPerAddress = new KeyedRateLimiter(config.loginFailureLimitPerAddress)
  const authPerAddress = new KeyedRateLimiter(config.authRateLimitPerAddress)
  const authGlobal = new TokenBucket(config.authRateLimitGlobal)
  const passwordChecks = new ConcurrencyLimit(
    config.passwordHashConcurrency,
    config.passwordHashQueue,
  )

  // Every sign-in route costs something (a signature, a session record, a password hash), so
  // each is limited per client address and for everyone together. request.ip is the peer's
  // address unless TRUST_PROXY names the proxy in front.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(AUTH_PREFIX)) return
    // Tokens travel in these bodies: no cache may keep them.
    reply.header('cache-control', 'no-store')
    if (request.method === 'OPTIONS') return
    if (!authPerAddress.take(request.ip)) {
      return rateLimited(reply, 10, 'Too many sign-in requests from this address; try again soon')
    }
    if (!authGlobal.take()) {
      return rateLimited(reply, 5, 'The server is busy with sign-ins; try again soon')
    }
  })

  app.get(API_PATHS.health, async () => ({ status: 'ok' }))

  app.get(API_PATHS.serverInfo, async () => {
    const info: ServerInfo = {
      name: 'Parley',
      authMode: config.authMode,
      maxParticipants: config.maxParticipants,
    }
    return info
  })

  app.post(API_PATHS.login, async (request, reply) => {
    const body = parseBody(loginRequestSchema, request, reply)
    if (!body) return reply
    if (config.authMode === 'guest') {
      // Guests are who they say they are: a fresh id for every sign-in.
      return tokens.issue({ id: `g_${randomUUID()}`, displayName: body.username })
    }
    if (body.password === undefined || body.password === '') {
      return sendHttpError(reply, 400, 'INVALID_PAYLOAD', 'password: A password is required')
    }
    const key = `${request.ip}|${body.username.toLowerCase()}`
    if (failedLogins.isLimited(key) || failedLoginsPerAddress.isLimited(request.ip)) {
      return rateLimited(reply, 60, 'Too many failed sign-ins; try again later')
    }
    const user = findUser(config.users, body.username)
    const password = body.password
    // Unknown users cost the same scrypt as known ones, so timing does not reveal who exists.
    const ok = await passwordChecks.run(async () =>
      verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash())),
    )
    if (ok === null) {
      // Each check holds tens of MB and a thread for ~50 ms: a crowd of them would starve
      // everyone, so the excess is turned away at once.
      reply.header('retry-after', '1')
      return sendHttpError(reply, 503, 'BUSY', 'The server is busy; try again in a moment')
    }
    if (!user || !ok) {
      failedLogins.take(key)
      failedLoginsPerAddress.take(request.ip)
      return sendHttpError(reply, 401, 'UNAUTHORIZED', 'Wrong user name or password')
    }
    return tokens.issue({ id: userIdFor(user.username), displayName: user.displayName })
  })

  app.post(API_PATHS.refresh, async (request, reply) => {
    const body = parseBody(refreshRequestSchema, request, reply)
    if (!body) return reply
    try {
      return await tokens.rotate(body.refreshToken)
    } catch (error) {
      if (!(error instanceof TokenError)) throw error
      return sendHttpError(reply, 401, 'UNAUTHORIZED', 'The refresh token is not valid')
    }
  })

  app.post(API_PATHS.logout, async (request, reply) => {
    const body = parseBody(logoutRequestSchema, request, reply)
    if (!body) return reply
    try {
      await tokens.revoke(body.refreshToken)
    } catch (error) {
      if (!(error instanceof TokenError)) throw error
      return sendHttpError(reply, 401, 'UNAUTHORIZED', 'The refresh token is not valid')
    }
    return reply.code(204).send()
  })

  app.get(API_PATHS.rtcConfig, async (request, reply) => {
    const user = await bearerUser(request, tokens)
    if (!user) {
      reply.header('www-authenticate', 'Bearer')
      return sendHttpError(reply, 401, 'UNAUTHORIZED', 'A valid access token is required')
    }
    reply.header('cache-control', 'no-store')
    return buildRtcConfig(config, user.id)
  })
}
