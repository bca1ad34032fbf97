/**
 * The shared state of several server processes over Redis: call membership (with the cap),
 * sign-in sessions, and Socket.IO's Redis adapter so a relay reaches a socket on any node.
 * The adapter works with node-redis v5 (it detects `pSubscribe` and uses the v4+ API); it needs
 * two extra connections, one publishing and one in subscriber mode.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { createAdapter } from '@socket.io/redis-adapter'
import type { Server } from 'socket.io'
import {
  FileSessionStore,
  MemorySessionStore,
  RedisSessionStore,
  type SessionStore,
} from './auth/session-store'
import type { CallRegistry } from './call-registry/call-registry'
import { MemoryCallRegistry } from './call-registry/memory-call-registry'
import { RedisCallRegistry } from './call-registry/redis-call-registry'
import { connectRedis, newRedisClient, type RedisClient } from './redis-client'

export interface SharedBackend {
  registry: CallRegistry
  sessions: SessionStore
  /** Socket.IO adapter constructor, or null for the default in-memory one. */
  adapter: Parameters<Server['adapter']>[0] | null
  /** A token key agreed by all nodes, when AUTH_SECRET was not given (Redis only). */
  sharedAuthSecret?: Uint8Array
  /** Closes the registry and the stores, then the connections. */
  close(): Promise<void>
}

const SHARED_SECRET_KEY = 'parley:auth-secret'

/**
 * Without AUTH_SECRET each process would sign with its own random key, and a token from one node
 * would be refused by the next. The first node to start stores a random key; the others read it.
 */
async function sharedAuthSecret(redis: RedisClient): Promise<Uint8Array> {
  await redis.set(SHARED_SECRET_KEY, randomBytes(32).toString('base64'), { condition: 'NX' })
  const stored = await redis.get(SHARED_SECRET_KEY)
  if (!stored) throw new Error('could not read the shared token key from Redis')
  return new Uint8Array(Buffer.from(stored, 'base64'))
}

/** One node: calls in memory; sessions in DATA_DIR when there is one, so restarts keep them. */
export function memoryBackend(dataDir: string | null, log: (line: string) => void): SharedBackend {
  const registry = new MemoryCallRegistry()
  const sessions = dataDir ? new FileSessionStore(dataDir, log) : new MemorySessionStore()
  return {
    registry,
    sessions,
    adapter: null,
    close: async () => {
      await registry.close()
      await sessions.close()
    },
  }
}

export async function connectRedisBackend(
  url: string,
  log: (line: string) => void,
  options: { shareAuthSecret: boolean } = { shareAuthSecret: false },
): Promise<SharedBackend> {
  const clients: RedisClient[] = []
  const closeAll = async () => {
    await Promise.allSettled(
      clients.map(async (client) => {
        if (client.isOpen) await client.close()
        else client.destroy()
      }),
    )
  }
  try {
    const commands = newRedisClient(url)
    clients.push(commands)
    await connectRedis(commands, url, log)
    const publisher = commands.duplicate()
    const subscriber = commands.duplicate()
    clients.push(publisher, subscriber)
    await Promise.all([connectRedis(publisher, url, log), connectRedis(subscriber, url, log)])

    const registry = new RedisCallRegistry(commands, randomUUID())
    await registry.start()
    return {
      registry,
      sessions: new RedisSessionStore(commands),
      adapter: createAdapter(publisher, subscriber),
      ...(options.shareAuthSecret ? { sharedAuthSecret: await sharedAuthSecret(commands) } : {}),
      close: async () => {
        await registry.close()
        await closeAll()
      },
    }
  } catch (error) {
    await closeAll()
    throw error
  }
}
