/**
 * Shared helpers for the server tests: a real server on 127.0.0.1 (port 0), real sign-ins over
 * HTTP and real socket.io-client connections. Waiting is always for an event, with a timeout.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { io, type Socket } from 'socket.io-client'
import {
  API_PATHS,
  authResponseSchema,
  type AuthResponse,
  type RtcError,
} from '../../src/shared/protocol'
import { loadServerConfig, startServer, type RunningServer } from '../../src/server'
import type { StartServerOptions } from '../../src/server'

export const EVENT_TIMEOUT_MS = 5000

export interface TestServer extends RunningServer {
  logs: string[]
}

export async function startTestServer(
  env: Record<string, string> = {},
  options: StartServerOptions = {},
): Promise<TestServer> {
  const logs: string[] = []
  const config = loadServerConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    // Every test client signs in from 127.0.0.1; the limits have tests of their own.
    AUTH_RATE_LIMIT_PER_ADDRESS: '100000',
    AUTH_RATE_LIMIT_GLOBAL: '100000',
    ...env,
  })
  const server = await startServer(config, { log: (line) => logs.push(line), ...options })
  return Object.assign(server, { logs })
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) }
}

export async function login(
  baseUrl: string,
  username: string,
  password?: string,
): Promise<AuthResponse> {
  const response = await postJson(baseUrl + API_PATHS.login, { username, password })
  if (response.status !== 200) {
    throw new Error(`login failed with ${response.status}: ${JSON.stringify(response.body)}`)
  }
  return authResponseSchema.parse(response.body)
}

export interface TestClient {
  socket: Socket
  auth: AuthResponse
  userId: string
  /** Every event received, in order, for "nothing else arrived" checks. */
  received: { event: string; payload: unknown }[]
  waitFor<T = unknown>(event: string, predicate?: (payload: T) => boolean): Promise<T>
  /** Round trip through the server; everything the server sent this socket before is received. */
  sync(): Promise<void>
  eventsNamed(event: string): unknown[]
  close(): void
}

const openClients = new Set<TestClient>()

export function connectSocket(
  baseUrl: string,
  token: unknown,
  extra: Record<string, unknown> = {},
): Socket {
  return io(baseUrl, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    ...extra,
  })
}

export async function connectClient(baseUrl: string, name: string): Promise<TestClient> {
  const auth = await login(baseUrl, name)
  return connectWithAuth(baseUrl, auth)
}

export async function connectWithAuth(baseUrl: string, auth: AuthResponse): Promise<TestClient> {
  const socket = connectSocket(baseUrl, auth.accessToken)
  const received: { event: string; payload: unknown }[] = []
  const waiters = new Set<{
    event: string
    test: (payload: unknown) => boolean
    resolve: (p: unknown) => void
  }>()
  socket.onAny((event: string, payload: unknown) => {
    received.push({ event, payload })
    for (const waiter of waiters) {
      if (waiter.event === event && waiter.test(payload)) {
        waiters.delete(waiter)
        waiter.resolve(payload)
      }
    }
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connect timed out')), EVENT_TIMEOUT_MS)
    socket.once('connect', () => {
      clearTimeout(timer)
      resolve()
    })
    socket.once('connect_error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
  })
  let pingCounter = 0
  const client: TestClient = {
    socket,
    auth,
    userId: auth.user.id,
    received,
    waitFor<T>(event: string, predicate?: (payload: T) => boolean): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const waiter = {
          event,
          test: (payload: unknown) => (predicate ? predicate(payload as T) : true),
          resolve: (payload: unknown) => {
            clearTimeout(timer)
            resolve(payload as T)
          },
        }
        const timer = setTimeout(() => {
          waiters.delete(waiter)
          reject(new Error(`timed out waiting for ${event} on ${auth.user.displayName}`))
        }, EVENT_TIMEOUT_MS)
        waiters.add(waiter)
      })
    },
    async sync() {
      const marker = `sync-${++pingCounter}`
      const pong = client.waitFor<{ echo: { marker?: string } }>(
        'rtc:pong',
        (p) => p.echo.marker === marker,
      )
      socket.emit('rtc:ping', { marker })
      await pong
    },
    eventsNamed(event: string) {
      return received.filter((entry) => entry.event === event).map((entry) => entry.payload)
    },
    close() {
      socket.disconnect()
      openClients.delete(client)
    },
  }
  openClients.add(client)
  return client
}

export function closeAllClients(): void {
  for (const client of [...openClients]) client.close()
}

/** Waits for an rtc:error naming `event` (and optionally a code). */
export function waitForError(client: TestClient, event: string, code?: string): Promise<RtcError> {
  return client.waitFor<RtcError>('rtc:error', (error) => {
    const details = error.details as { event?: string } | undefined
    return details?.event === event && (code === undefined || error.code === code)
  })
}

export async function joinCall(client: TestClient, callId: string, initialMediaState?: unknown) {
  const started = client.waitFor<{ callId: string; participants: { userId: string }[] }>(
    'rtc:callStarted',
    (p) => p.callId === callId,
  )
  client.socket.emit(
    'rtc:joinCall',
    initialMediaState === undefined ? { callId } : { callId, initialMediaState },
  )
  return started
}

/**
 * Every client asks to join one call at the same moment; resolves with what each got, so a test
 * can count who got in and who was told the call is full.
 */
export async function raceJoins(
  clients: TestClient[],
  callId: string,
): Promise<('joined' | 'full')[]> {
  const outcomes = clients.map(
    (client) =>
      new Promise<'joined' | 'full'>((resolve) => {
        void client.waitFor('rtc:callStarted').then(
          () => resolve('joined'),
          () => {},
        )
        void waitForError(client, 'rtc:joinCall', 'CALL_FULL').then(
          () => resolve('full'),
          () => {},
        )
      }),
  )
  for (const client of clients) client.socket.emit('rtc:joinCall', { callId })
  return Promise.all(outcomes)
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export interface RedisProcess {
  url: string
  stop(): Promise<void>
}

/** A throwaway redis-server on a free loopback port; CI installs the binary. */
export async function startRedis(): Promise<RedisProcess> {
  const port = await freePort()
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  await new Promise<void>((resolve, reject) => {
    let output = ''
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start: ${output}`)),
      10_000,
    )
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      reject(
        error.code === 'ENOENT'
          ? new Error(
              'redis-server is not on PATH: install it (apt-get install redis-server) to run these tests',
            )
          : error,
      )
    })
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      }
    })
  })
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
