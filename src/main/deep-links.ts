/**
 * Deep links: `parley://join/<callId>?server=<url>`. Parsed strictly (the call ID with the
 * protocol's pattern, the server as an http(s) URL, nothing else accepted), because anything on
 * the machine or the web can hand Parley such a link.
 */
import { serverUrlSchema, type JoinRequest } from '../shared/bridge'
import { CALL_ID_PATTERN } from '../shared/protocol'
import { DEEP_LINK_SCHEME } from './app-paths'

export const MAX_DEEP_LINK_LENGTH = 4096

export function parseDeepLink(raw: string): JoinRequest | null {
  if (raw.length > MAX_DEEP_LINK_LENGTH) return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return null
  if (url.hostname !== 'join' || url.username || url.password || url.port) return null
  const segments = url.pathname.split('/').filter((segment) => segment.length > 0)
  if (segments.length !== 1) return null
  const callId = decodeURIComponentSafe(segments[0] ?? '')
  if (callId === null || !CALL_ID_PATTERN.test(callId)) return null
  for (const key of url.searchParams.keys()) if (key !== 'server') return null
  const servers = url.searchParams.getAll('server')
  if (servers.length > 1) return null
  const server = servers[0]
  if (server === undefined) return { callId }
  // A link is handed to Parley by anything on the machine: no address completion here, only a
  // full http(s) URL.
  if (!/^https?:\/\//i.test(server)) return null
  const parsed = serverUrlSchema.safeParse(server)
  if (!parsed.success) return null
  return { callId, serverUrl: new URL(parsed.data).href.replace(/\/+$/, '') }
}

function decodeURIComponentSafe(value: string): string | null {
  try {
    return decodeURIComponent(value)
  } catch {
    return null
  }
}

/** The first deep link among command-line arguments (Windows and Linux pass it in argv). */
export function findDeepLinkInArgv(argv: readonly string[]): JoinRequest | null {
  for (const arg of argv) {
    if (!arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) continue
    const request = parseDeepLink(arg)
    if (request) return request
  }
  return null
}

/** The part of `app` the protocol registration needs. */
export interface ProtocolClientApp {
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean
}

/**
 * Registers `parley://` with the OS. Under `electron .` in development the executable is Electron
 * itself, so the app path has to be passed along for the OS to start Parley and not bare Electron.
 */
export function registerProtocolClient(
  app: ProtocolClientApp,
  runtime: { defaultApp: boolean; execPath: string; appEntry: string | undefined },
): boolean {
  if (runtime.defaultApp && runtime.appEntry) {
    return app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, runtime.execPath, [runtime.appEntry])
  }
  return app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME)
}
