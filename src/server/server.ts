/**
 * Starts the reference server: one port for HTTP (Fastify) and Socket.IO. Touches no
 * process-wide state (no exit, no signal handlers) so the desktop app can embed it; the CLI
 * owns those.
 */
import Fastify, { type FastifyError } from 'fastify'
import { Server } from 'socket.io'
import { TokenService, type TokenUser } from './auth/tokens'
import { findUser, userIdFor, type UserRecord } from './auth/users'
import type { ServerConfig } from './config'
import { registerHttpRoutes, sendHttpError } from './http-routes'
import { connectRedisBackend, memoryBackend, type SharedBackend } from './redis-backend'
import { Signaling, initSocketData, type SignalingServer } from './signaling/signaling'
import { createSocketAuth } from './signaling/socket-auth'
import { registerStatic } from './static'

export interface StartServerOptions {
  /** The built renderer; omitted or missing on disk: `/` answers a short plain message. */
  staticDir?: string
  /** Where log lines go; silent by default. Never receives tokens or passwords. */
  log?: (line: string) => void
}

export interface RunningServer {
  url: string
  port: number
  close(): Promise<void>
}

/**
 * One frame at most: Engine.IO closes the connection on anything bigger, before parsing it.
 * Socket.IO's own default, and well above the largest valid message (a 64 KiB SDP is at most
 * ~400 KB after JSON escaping), so a merely oversized payload is answered with INVALID_PAYLOAD.
 */
export const MAX_SOCKET_MESSAGE_BYTES = 1_000_000
const HTTP_BODY_LIMIT_BYTES = 16 * 1024

const STATUS_CODES: Record<number, string> = {
  400: 'INVALID_PAYLOAD',
  401: 'UNAUTHORIZED',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
}

function usersModeRefresh(users: readonly UserRecord[]) {
  return (user: TokenUser): TokenUser | null => {
    const record = users.find((candidate) => userIdFor(candidate.username) === user.id)
    const current = record ? findUser(users, record.username) : undefined
    return current ? { id: user.id, displayName: current.displayName } : null
  }
}

export async function startServer(
  config: ServerConfig,
  options: StartServerOptions = {},
): Promise<RunningServer> {
  const log = options.log ?? (() => {})
  const backend = config.redisUrl
    ? await connectRedisBackend(config.redisUrl, log, {
        shareAuthSecret: config.authSecretIsEphemeral,
      })
    : memoryBackend()
  try {
    return await listen(config, options, backend, log)
  } catch (error) {
    await backend.close()
    throw error
  }
}

async function listen(
  config: ServerConfig,
  options: StartServerOptions,
  backend: SharedBackend,
  log: (line: string) => void,
): Promise<RunningServer> {
  const tokens = new TokenService({
    // In users mode a refresh also checks the account is still in the users file.
    ...(config.authMode === 'users' ? { refreshUser: usersModeRefresh(config.users) } : {}),
    secret: backend.sharedAuthSecret ?? config.authSecret,
    accessTtlSeconds: config.accessTokenTtlSeconds,
    refreshTtlSeconds: config.refreshTokenTtlSeconds,
    store: backend.refreshStore,
  })

  const app = Fastify({
    logger: false,
    bodyLimit: HTTP_BODY_LIMIT_BYTES,
    forceCloseConnections: true,
  })

  // Bearer tokens, never cookies: any origin may call the API (the browser client on another port).
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return
    reply.header('access-control-allow-origin', '*')
    reply.header('access-control-allow-headers', 'authorization, content-type')
    reply.header('access-control-allow-methods', 'GET, POST, OPTIONS')
    if (request.method === 'OPTIONS') return reply.code(204).send()
  })
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status =
      error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500
        ? error.statusCode
        : 500
    if (status === 500) {
      log(`http: internal error: ${error.message}`)
      return sendHttpError(reply, 500, 'INTERNAL', 'The server could not handle this request')
    }
    return sendHttpError(reply, status, STATUS_CODES[status] ?? 'BAD_REQUEST', error.message)
  })
  registerHttpRoutes(app, { config, tokens })
  await registerStatic(app, options.staticDir ?? null)
  await app.ready()

  const io: SignalingServer = new Server(app.server, {
    serveClient: false,
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    cors: { origin: true },
    ...(backend.adapter ? { adapter: backend.adapter } : {}),
  })
  io.use(
    createSocketAuth(tokens, (socket, user) => {
      socket.data = initSocketData(user, config.socketRateLimit)
    }),
  )
  const signaling = new Signaling({
    io,
    registry: backend.registry,
    maxParticipants: config.maxParticipants,
    rateLimit: config.socketRateLimit,
    log,
    sweepIntervalMs: config.deadNodeSweepSeconds * 1000,
  })

  try {
    await app.listen({ host: config.host, port: config.port })
  } catch (error) {
    // EADDRINUSE and the like: leave nothing behind, so the embedder may try another port.
    await io.close(() => {})
    await app.close()
    throw error
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : config.port
  const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host
  const url = `http://${hostForUrl}:${port}`
  if (backend.sharedAuthSecret) {
    log('AUTH_SECRET is not set: using the random key shared by the nodes through Redis')
  } else if (config.authSecretIsEphemeral) {
    log('AUTH_SECRET is not set: tokens are signed with a random key and die with this process')
  }

  let closing: Promise<void> | null = null
  async function close(): Promise<void> {
    // Disconnect this node's sockets first so their seats are given back (and, over Redis, the
    // other nodes' participants hear participantLeft) before the shared backend goes away.
    signaling.stop()
    io.local.disconnectSockets(true)
    await signaling.drain()
    await app.close()
    await io.close(() => {
      // The HTTP server is already closed by Fastify; the error here only says so.
    })
    await backend.close()
  }
  return {
    url,
    port,
    close: () => (closing ??= close()),
  }
}
