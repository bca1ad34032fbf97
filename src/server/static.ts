/**
 * Serves the built renderer so the same client runs in a browser against this server. Call links
 * are `/<callId>`: every single-segment path that is a valid call id gets index.html (the client
 * reads the id from the path); `/call/<callId>` redirects there; `/?call=<callId>` keeps working.
 * Anything else that is not a file is a 404, so a missing asset never comes back as a page.
 * The renderer is built with relative asset paths (base './'), which resolve from `/<callId>`.
 * Without a build the root answers a short plain message instead of failing.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { CALL_ID_PATTERN } from '../shared/protocol'
import { sendHttpError } from './http-routes'

const NOT_BUILT_MESSAGE =
  'Parley server is running. The web client is not built here (run `npm run build`).\n'

function isApiPath(url: string): boolean {
  return url.startsWith('/api/') || url === '/api' || url.startsWith('/socket.io')
}

/**
 * The web client's whole policy as a header (the page's meta policy cannot set frame-ancestors,
 * and is looser on connect-src because the desktop narrows it itself). The page talks only to the
 * server that served it: 'self' covers its ws:/wss: too. Media plays from blob: and streams.
 */
export const WEB_CLIENT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const PAGE_SECURITY_HEADERS = {
  'content-security-policy': WEB_CLIENT_CSP,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const

/** `/abc` → 'abc' when it is a call id; the query string is ignored. */
function callIdOfPath(path: string): string | null {
  const match = /^\/([^/]+)$/.exec(path)
  const segment = match?.[1]
  return segment !== undefined && CALL_ID_PATTERN.test(segment) ? segment : null
}

export async function registerStatic(app: FastifyInstance, staticDir: string | null) {
  const hasIndex = staticDir !== null && existsSync(join(staticDir, 'index.html'))
  app.addHook('onSend', async (request, reply) => {
    if (!isApiPath(request.url.split('?')[0] ?? '/')) reply.headers(PAGE_SECURITY_HEADERS)
  })
  if (hasIndex) {
    await app.register(fastifyStatic, { root: staticDir, prefix: '/', index: 'index.html' })
  } else {
    app.get('/', async (_request, reply) =>
      reply.type('text/plain; charset=utf-8').send(NOT_BUILT_MESSAGE),
    )
  }

  // The older link form: one address per call, so send it to the canonical one.
  app.get<{ Params: { callId: string } }>('/call/:callId', async (request, reply) => {
    const { callId } = request.params
    if (!CALL_ID_PATTERN.test(callId)) {
      return sendHttpError(reply, 404, 'NOT_FOUND', 'Not a call id')
    }
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : ''
    return reply.redirect(`/${callId}${query}`, 302)
  })

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/'
    const isRead = request.method === 'GET' || request.method === 'HEAD'
    if (isRead && !isApiPath(path) && callIdOfPath(path) !== null) {
      if (hasIndex) return reply.type('text/html; charset=utf-8').sendFile('index.html')
      return reply.code(404).type('text/plain; charset=utf-8').send(NOT_BUILT_MESSAGE)
    }
    return sendHttpError(
      reply,
      404,
      'NOT_FOUND',
      `No route for ${request.method} ${path.slice(0, 200)}`,
    )
  })
}
