/**
 * Serves the built renderer on `app://parley/`. Only files under the renderer folder are served:
 * a path that decodes or normalises to anything outside it is refused, as is any other host or
 * method. Documents carry the CSP header, since webRequest does not see custom-scheme responses.
 */
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { APP_HOST, APP_SCHEME } from './app-paths'

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
}

/** The file a request maps to, or null when it must be refused. Exported for the tests. */
export function resolveAppFile(rendererDir: string, rawUrl: string): string | null {
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  // Backslashes and NULs have no business in a URL path here; both are traversal tricks.
  if (pathname.includes('\\') || pathname.includes('\0')) return null
  const wanted = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '')
  const root = resolve(rendererDir)
  const file = resolve(root, wanted)
  const inside = relative(root, file)
  if (
    inside === '' ||
    inside.startsWith('..') ||
    isAbsolute(inside) ||
    inside.split(sep).includes('..')
  ) {
    return null
  }
  return file
}

export function createAppProtocolHandler(deps: {
  rendererDir: string
  readFile: (path: string) => Promise<Uint8Array>
  contentSecurityPolicy: () => string
}): (request: { url: string; method: string }) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405 })
    }
    const file = resolveAppFile(deps.rendererDir, request.url)
    if (!file) return new Response('Not found', { status: 404 })
    let body: Uint8Array
    try {
      body = await deps.readFile(file)
    } catch {
      return new Response('Not found', { status: 404 })
    }
    const extension = extname(file).toLowerCase()
    const headers: Record<string, string> = {
      'content-type': MIME_TYPES[extension] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
    }
    if (extension === '.html') headers['content-security-policy'] = deps.contentSecurityPolicy()
    return new Response(request.method === 'HEAD' ? null : new Blob([new Uint8Array(body)]), {
      status: 200,
      headers,
    })
  }
}
