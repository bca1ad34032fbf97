/**
 * The bare signaling relay the floor's pages use: a plain Socket.IO server on loopback that
 * forwards each message to the page it names, keeps one room to join, and serves the bare page
 * itself. No auth, no schemas: the least a relay can do, so the floor pays the protocol's transport and nothing
 * more.
 */
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'

const PAGE_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'bare-peer-page.html', type: 'text/html; charset=utf-8' },
  '/bare-peer-page.js': { file: 'bare-peer-page.js', type: 'text/javascript; charset=utf-8' },
}

export interface BareRelay {
  /** http://127.0.0.1:PORT; the bare page is at `${url}/?id=NAME`. */
  url: string
  close(): Promise<void>
}

export async function startBareRelay(): Promise<BareRelay> {
  const http = createServer((request, response) => {
    const entry = PAGE_FILES[new URL(request.url ?? '/', 'http://relay').pathname]
    if (!entry) {
      // Chromium asks for /favicon.ico: nothing to see, and no error in the page's console.
      response.writeHead(204).end()
      return
    }
    readFile(new URL(entry.file, import.meta.url))
      .then((body) => response.writeHead(200, { 'content-type': entry.type }).end(body))
      .catch(() => response.writeHead(500).end())
  })
  // Serves /socket.io/socket.io.min.js to the page as well.
  const io = new Server(http)
  const pagesById = new Map<string, string>()
  /** The one room the floor's pages join, by page id. */
  const room = new Set<string>()
  io.on('connection', (socket) => {
    let selfId = ''
    socket.on('hello', (id: unknown, ack: unknown) => {
      selfId = String(id)
      pagesById.set(selfId, socket.id)
      if (typeof ack === 'function') ack()
    })
    // A call to join, as the protocol has one: the ack is the round trip every client pays before
    // it can offer. It names the pages already in the room.
    socket.on('join', (ack: unknown) => {
      const present = [...room].filter((id) => id !== selfId)
      room.add(selfId)
      if (typeof ack === 'function') ack(present)
    })
    socket.on('leave', () => room.delete(selfId))
    socket.on('disconnect', () => room.delete(selfId))
    socket.on('signal', (message: unknown) => {
      if (typeof message !== 'object' || message === null) return
      const target = pagesById.get(String((message as { to?: unknown }).to))
      if (target) io.to(target).emit('signal', { ...message, from: selfId })
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const { port } = http.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await io.close()
    },
  }
}
