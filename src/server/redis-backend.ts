/**
 * The shared state of several server processes over Redis: call membership (with the cap),
 * spent refresh tokens, and Socket.IO's Redis adapter so a relay reaches a socket on any node.
 */
import type { Server } from 'socket.io'
import type { RefreshTokenStore } from './auth/refresh-token-store'
import type { CallRegistry } from './call-registry/call-registry'

export interface SharedBackend {
  registry: CallRegistry
  refreshStore: RefreshTokenStore
  /** Socket.IO adapter constructor, or null for the default in-memory one. */
  adapter: Parameters<Server['adapter']>[0] | null
  close(): Promise<void>
}

export async function connectRedisBackend(
  _url: string,
  _log: (line: string) => void,
): Promise<SharedBackend> {
  throw new Error('REDIS_URL is not supported yet')
}
