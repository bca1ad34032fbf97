/**
 * The shared state of several server processes over Redis: call membership (with the cap),
 * spent refresh tokens, and Socket.IO's Redis adapter so a relay reaches a socket on any node.
 * The adapter works with node-redis v5 (it detects `pSubscribe` and uses the v4+ API); it needs
 * two extra connections, one publishing and one in subscriber mode.
 */
import { randomUUID } from 'node:crypto'
import { createAdapter } from '@socket.io/redis-adapter'
import type { Server } from 'socket.io'
import {
  MemoryRefreshTokenStore,
  RedisRefreshTokenStore,
  type RefreshTokenStore,
} from './auth/refresh-token-store'
import type { CallRegistry } from './call-registry/call-registry'
import { MemoryCallRegistry } from './call-registry/memory-call-registry'
import { RedisCallRegistry } from './call-registry/redis-call-registry'
import { connectRedis, newRedisClient, type RedisClient } from './redis-client'

export interface SharedBackend {
  registry: CallRegistry
  refreshStore: RefreshTokenStore
  /** Socket.IO adapter constructor, or null for the default in-memory one. */
  adapter: Parameters<Server['adapter']>[0] | null
  close(): Promise<void>
}

export function memoryBackend(): SharedBackend {
  return {
    registry: new MemoryCallRegistry(),
    refreshStore: new MemoryRefreshTokenStore(),
    adapter: null,
    close: async () => {},
  }
}

export async function connectRedisBackend(
  url: string,
  log: (line: string) => void,
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
      refreshStore: new RedisRefreshTokenStore(commands),
      adapter: createAdapter(publisher, subscriber),
      close: closeAll,
    }
  } catch (error) {
    await closeAll()
    throw error
  }
}
