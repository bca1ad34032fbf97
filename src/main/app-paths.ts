/**
 * Where Parley's own page lives. The renderer is served from a privileged custom scheme
 * (`app://parley/`) rather than file://, so "Parley's own page" is one precise origin that the IPC
 * wrapper, the permission table and the display-media handler can all check. In development
 * electron-vite serves it from ELECTRON_RENDERER_URL instead.
 */
import { join } from 'node:path'

export const APP_SCHEME = 'app'
export const APP_HOST = 'parley'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** The deep-link scheme registered with the OS. */
export const DEEP_LINK_SCHEME = 'parley'

export interface PageOrigin {
  /** The URL the main window loads. */
  entryUrl: string
  /** The origin every trusted frame must have. */
  origin: string
}

/**
 * The page origin for this run: the dev server's when electron-vite runs one (only honoured for a
 * loopback http URL, so a stray environment variable cannot make a remote site "our page").
 */
export function resolvePageOrigin(
  devServerUrl: string | undefined,
  isPackaged: boolean,
): PageOrigin {
  if (!isPackaged && devServerUrl) {
    try {
      const url = new URL(devServerUrl)
      const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
      if (url.protocol === 'http:' && loopback) return { entryUrl: url.href, origin: url.origin }
    } catch {
      // Fall through to the packaged page.
    }
  }
  return { entryUrl: APP_ENTRY_URL, origin: APP_ORIGIN }
}

/** True when `url` is a page of the given origin. Unparsable URLs are never ours. */
export function isPageOfOrigin(url: string | null | undefined, origin: string): boolean {
  if (!url) return false
  try {
    const parsed = new URL(url)
    // Custom schemes report origin "null" in WHATWG URL; compare scheme and host instead.
    return `${parsed.protocol}//${parsed.host}` === origin
  } catch {
    return false
  }
}

/** Build output locations, relative to the main bundle's own folder (out/main). */
export function buildPaths(mainDir: string): { rendererDir: string; preloadPath: string } {
  return {
    rendererDir: join(mainDir, '../renderer'),
    preloadPath: join(mainDir, '../preload/index.cjs'),
  }
}
