/**
 * Starts the reference server: one port for HTTP (Fastify) and Socket.IO. Touches no
 * process-wide state (no exit, no signal handlers) so the desktop app can embed it; the CLI
 * owns those.
 */
import { randomBytes } from 'node:crypto'
import Fastify, { type FastifyError } from 'fastify'
import { Server } from 'socket.io'
import { loadOrCreateSigningKey } from './auth/signing-key'
import { TokenService, type TokenUser } from './auth/tokens'
import { findUser, userIdFor, type UserRecord } from './auth/users'
import type { ServerConfig } from './config'
import { registerHttpRoutes, sendHttpError } from './http-routes'
import { OriginPolicy } from './origin-policy'
import { connectRedisBackend, memoryBackend, type SharedBackend } from './redis-backend'
import { Signaling, initSocketData, type SignalingServer } from './signaling/signaling'
import { terminateConnection } from './signaling/engine-connection'
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
  403: 'FORBIDDEN',
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
        shareAuthSecret: config.authSecret === null,
      })
    : memoryBackend(config.dataDir, log)
  try {
    return await listen(config, options, backend, await signingKey(config, backend, log), log)
  } catch (error) {
    await backend.close()
    throw error
  }
}

/** A hop count trusts that many proxies nearest to us, as Express and Fastify define it. */
function trustProxyOption(
  trust: ServerConfig['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust
  return (_address, hop) => hop < trust
}

/** AUTH_SECRET; else the key the Redis nodes share; else the one kept in DATA_DIR. */
async function signingKey(
  config: ServerConfig,
  backend: SharedBackend,
  log: (line: string) => void,
): Promise<Uint8Array> {
  if (config.authSecret) return config.authSecret
  if (backend.sharedAuthSecret) {
    log('AUTH_SECRET is not set: using the random key shared by the nodes through Redis')
    return backend.sharedAuthSecret
  }
  if (config.dataDir) return loadOrCreateSigningKey(config.dataDir, log)
  log('AUTH_SECRET is not set and there is no DATA_DIR: tokens die with this process')
  return new Uint8Array(randomBytes(32))
}

async function listen(
  config: ServerConfig,
  options: StartServerOptions,
  backend: SharedBackend,
  secret: Uint8Array,
  log: (line: string) => void,
): Promise<RunningServer> {
  // Created once the sockets are; a session can only end after a sign-in, which needs the server up.
  let signaling: Signaling | null = null
  const tokens = new TokenService({
    // In users mode a refresh also checks the account is still in the users file.
    ...(config.authMode === 'users' ? { refreshUser: usersModeRefresh(config.users) } : {}),
    secret,
    accessTtlSeconds: config.accessTokenTtlSeconds,
    refreshTtlSeconds: config.refreshTokenTtlSeconds,
    store: backend.sessions,
    onSessionEnded: (sessionId) => signaling?.endSession(sessionId),
  })

  const app = Fastify({
    logger: false,
    bodyLimit: HTTP_BODY_LIMIT_BYTES,
    forceCloseConnections: true,
    // Only TRUST_PROXY makes X-Forwarded-For count; otherwise request.ip is the peer address.
    trustProxy: trustProxyOption(config.trustProxy),
  })
  const origins = new OriginPolicy(config.allowedOrigins)

  app.addHook('onRequest', async (request, reply) => {
    // Browsers send Origin on every cross-origin request and every WebSocket; a page of a
    // refused origin gets nothing (programs without Origin are not browsers' pages).
    const origin = request.headers.origin
    if (!origins.allows(origin)) {
      return sendHttpError(reply, 403, 'FORBIDDEN', 'This origin may not use this server')
    }
    if (!request.url.startsWith('/api/')) return
    reply.header('x-content-type-options', 'nosniff')
    // Bearer tokens, never cookies: without ALLOWED_ORIGINS any origin may call the API (the
    // browser client on another port); with it, only those listed.
    reply.header('access-control-allow-origin', origins.corsOrigin(origin))
    if (config.allowedOrigins) reply.header('vary', 'Origin')
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
    // A dead connection is noticed after interval + timeout (10 s by default), not 45 s.
    pingInterval: config.pingIntervalMs,
    pingTimeout: config.pingTimeoutMs,
    cors: { origin: (origin, callback) => callback(null, origins.allows(origin)) },
    allowRequest: (request, callback) => callback(null, origins.allows(request.headers.origin)),
    ...(backend.adapter ? { adapter: backend.adapter } : {}),
  })
  io.use(
    createSocketAuth(tokens, (socket, grant) => {
      socket.data = initSocketData(grant, config.socketRateLimit)
    }),
  )
  signaling = new Signaling({
    io,
    registry: backend.registry,
    maxParticipants: config.maxParticipants,
    sendQueueBytes: config.socketSendQueueBytes,
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
  origins.setSelf(port, hostForUrl)
  const running = signaling

  let closing: Promise<void> | null = null
  async function close(): Promise<void> {
    // Disconnect this node's sockets first so their seats are given back (and, over Redis, the
    // other nodes' participants hear participantLeft) before the shared backend goes away.
    running.stop()
    io.local.disconnectSockets(true)
    await running.drain()
    // Whoever has not taken the disconnect by now is not reading: do not wait 30 s for them.
    const engine = io.engine as unknown as { clients: Record<string, unknown> }
    for (const connection of Object.values(engine.clients)) terminateConnection(connection)
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
