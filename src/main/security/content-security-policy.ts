/**
 * The CSP of Parley's page, sent as a response header. connect-src allows only the page itself and
 * the servers Parley is configured for (each as http(s) and the matching ws(s) origin), so even
 * injected script could not talk to anyone else. The page's own meta CSP stays in force too;
 * browsers enforce both, so this header can only narrow it.
 */

/** The http(s) and ws(s) origins of a server URL; empty when it is not an http(s) URL. */
export function serverOrigins(serverUrl: string): string[] {
  let url: URL
  try {
    url = new URL(serverUrl)
  } catch {
    return []
  }
  if (url.protocol === 'https:') return [url.origin, `wss://${url.host}`]
  if (url.protocol === 'http:') return [url.origin, `ws://${url.host}`]
  return []
}

export function buildContentSecurityPolicy(options: {
  /** Servers the page may talk to (configured, signed-in, embedded). */
  serverUrls: readonly string[]
  /** The dev server's origin in development, for its module and HMR requests. */
  devServerOrigin?: string | null
}): string {
  const connect = new Set<string>(["'self'"])
  for (const url of options.serverUrls) for (const origin of serverOrigins(url)) connect.add(origin)
  const scriptSrc = ["'self'"]
  if (options.devServerOrigin) {
    for (const origin of serverOrigins(options.devServerOrigin)) connect.add(origin)
  }
  return [
    "default-src 'self'",
    `script-src ${scriptSrc.join(' ')}`,
    // React sets style attributes; no remote stylesheets.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    `connect-src ${[...connect].join(' ')}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** The part of session.webRequest the CSP needs (the dev-server case: app:// sets it itself). */
export interface WebRequestLike {
  onHeadersReceived(
    listener: (
      details: { url: string; resourceType: string; responseHeaders?: Record<string, string[]> },
      callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
    ) => void,
  ): void
}

/** Adds the CSP header to every document response from Parley's own page origin. */
export function installContentSecurityPolicy(
  webRequest: WebRequestLike,
  isOwnPage: (url: string) => boolean,
  policy: () => string,
): void {
  webRequest.onHeadersReceived((details, callback) => {
    if (!isOwnPage(details.url) || details.resourceType !== 'mainFrame') {
      callback({ responseHeaders: details.responseHeaders })
      return
    }
    const headers: Record<string, string[]> = {}
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value
    }
    headers['Content-Security-Policy'] = [policy()]
    callback({ responseHeaders: headers })
  })
}
