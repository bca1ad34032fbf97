/**
 * A handler that fails unexpectedly answers INTERNAL naming the event and keeps the socket
 * serving. Built from the server's own parts with a registry that throws.
 */
import { createServer } from 'node:http'
import { Server } from 'socket.io'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { rtcErrorSchema } from '../../src/shared/protocol'
import { MemorySessionStore } from '../../src/server/auth/session-store'
import { TokenService } from '../../src/server/auth/tokens'
import type { CallRegistry } from '../../src/server/call-registry/call-registry'
import { MemoryCallRegistry } from '../../src/server/call-registry/memory-call-registry'
import {
  Signaling,
  initSocketData,
  type SignalingServer,
} from '../../src/server/signaling/signaling'
import { createSocketAuth } from '../../src/server/signaling/socket-auth'
import { closeAllClients, connectWithAuth, waitForError } from './helpers'

class FailingRegistry extends MemoryCallRegistry implements CallRegistry {
  override async join(): Promise<never> {
    throw new Error('registry unavailable')
  }
}

const logs: string[] = []
const http = createServer()
const io: SignalingServer = new Server(http)
const tokens = new TokenService({
  secret: new TextEncoder().encode('internal-error-test-secret-0123456789'),
  accessTtlSeconds: 60,
  refreshTtlSeconds: 600,
  store: new MemorySessionStore(),
})
let url = ''

beforeAll(async () => {
  const rateLimit = { burst: 100, perSecond: 100 }
  io.use(
    createSocketAuth(tokens, (socket, grant) => (socket.data = initSocketData(grant, rateLimit))),
  )
  new Signaling({
    io,
    registry: new FailingRegistry(),
    maxParticipants: 4,
    rateLimit,
    sendQueueBytes: 1024 * 1024,
    log: (line) => logs.push(line),
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const address = http.address()
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})
afterAll(async () => {
  closeAllClients()
  await io.close()
})

it('answers INTERNAL when a handler fails, logs it, and keeps serving', async () => {
  const auth = await tokens.issue({ id: 'u1', displayName: 'Ann' })
  const client = await connectWithAuth(url, auth)
  const error = waitForError(client, 'rtc:joinCall', 'INTERNAL')
  client.socket.emit('rtc:joinCall', { callId: 'c1' })
  expect(rtcErrorSchema.parse(await error).message).toBe('The server could not handle this request')
  expect(logs.some((line) => line.includes('registry unavailable'))).toBe(true)
  await client.sync()
  expect(client.socket.connected).toBe(true)
})
