/**
 * The server address people type, completed and checked once for both hosts. `calls.example.org`
 * becomes `https://calls.example.org`; a loopback host (`localhost:4000`, `127.0.0.1`) becomes
 * http:// since a local server rarely has a certificate. Only http(s) addresses are accepted, and
 * they are kept in one form (no trailing slash, query, hash or credentials) for storing and
 * comparing.
 */

export type ServerAddress =
  { ok: true; url: string; plainHttp: boolean; loopback: boolean } | { ok: false; reason: string }

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]'])

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return LOOPBACK_HOSTS.has(host) || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host)
}

export const INVALID_ADDRESS_REASON =
  'Enter a server address such as calls.example.org or https://calls.example.org.'

export function completeServerAddress(raw: string): ServerAddress {
  const text = raw.trim()
  if (text === '' || text.length > 2048 || /\s/.test(text)) {
    return { ok: false, reason: INVALID_ADDRESS_REASON }
  }
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text)
  let url: URL
  try {
    if (hasScheme) {
      url = new URL(text)
    } else {
      // Read the host first, to pick the scheme a loopback server most likely speaks.
      const probe = new URL(`http://${text}`)
      url = new URL(`${isLoopbackHost(probe.hostname) ? 'http' : 'https'}://${text}`)
    }
  } catch {
    return { ok: false, reason: INVALID_ADDRESS_REASON }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: 'A server address starts with https:// or http://.' }
  }
  if (!url.hostname) return { ok: false, reason: INVALID_ADDRESS_REASON }
  return {
    ok: true,
    url: normalizeServerUrl(url.href),
    plainHttp: url.protocol === 'http:' && !isLoopbackHost(url.hostname),
    loopback: isLoopbackHost(url.hostname),
  }
}

/** A server URL in the one form Parley stores and compares: no trailing slash, query or hash. */
export function normalizeServerUrl(raw: string): string {
  const url = new URL(raw)
  url.hash = ''
  url.search = ''
  url.username = ''
  url.password = ''
  return url.href.replace(/\/+$/, '')
}

/** Joins a server base URL (which may carry a path prefix) and an API path. */
export function apiUrl(serverUrl: string, path: string): string {
  return `${serverUrl.replace(/\/+$/, '')}${path}`
}
