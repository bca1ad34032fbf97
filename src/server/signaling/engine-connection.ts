/**
 * The few engine.io internals the server needs to protect itself from peers that stop reading:
 * how much is queued for a connection, and a way to drop it that does not wait on the peer.
 * engine.io keeps packets not yet handed to the transport in `writeBuffer`; the WebSocket (ws)
 * holds the rest in `bufferedAmount`.
 */
interface EngineConnection {
  writeBuffer: { data?: unknown }[]
  close(discard?: boolean): void
  transport: { socket?: { bufferedAmount?: number; terminate?: () => void } }
}

/** Bytes waiting for one connection: engine.io's packet queue plus what the WebSocket holds. */
export function queuedBytes(connection: unknown): number {
  const engine = connection as EngineConnection
  let bytes = engine.transport.socket?.bufferedAmount ?? 0
  for (const packet of engine.writeBuffer) {
    const data = packet.data
    if (typeof data === 'string') bytes += data.length
    else if (data instanceof Uint8Array) bytes += data.byteLength
  }
  return bytes
}

/**
 * Throws away what is queued and destroys the TCP connection. A polite close would wait for the
 * queue to drain and then up to 30 s for the peer's close frame, neither of which a peer that
 * stopped reading ever gives.
 */
export function terminateConnection(connection: unknown): void {
  const engine = connection as EngineConnection
  engine.close(true)
  engine.transport.socket?.terminate?.()
}
