/**
 * Serves the built renderer so the same client runs in a browser against this server. Unknown
 * non-API GET paths get index.html (so `/?call=abc` and client-side paths work); without a build
 * the root answers a short plain message instead of failing.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { sendHttpError } from './http-routes'

const NOT_BUILT_MESSAGE =
  'Parley server is running. The web client is not built here (run `npm run build`).\n'

function isApiPath(url: string): boolean {
  return url.startsWith('/api/') || url === '/api' || url.startsWith('/socket.io')
}

/**
 * Headers for the web client's pages. `frame-ancestors` only works as a header (a meta CSP
 * ignores it), and it keeps other sites from framing a page that holds a camera.
 */
const PAGE_SECURITY_HEADERS = {
  'content-security-policy': "frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const

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

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/'
    if ((request.method === 'GET' || request.method === 'HEAD') && !isApiPath(path)) {
      if (hasIndex) return reply.sendFile('index.html')
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
