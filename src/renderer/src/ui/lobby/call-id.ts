/** Call IDs: reading one from the page address, checking one, and making up a new one. */
import { CALL_ID_PATTERN } from '../../../../shared/protocol/limits'

export const CALL_ID_RULE = 'A call ID is 1 to 128 letters, digits, hyphens (-) or underscores (_).'

export function isValidCallId(value: string): boolean {
  return CALL_ID_PATTERN.test(value)
}

/**
 * The call a page address names: `?call=<id>` (older links), else the path `/<id>` (call links).
 * Anything else, e.g. the desktop's `/index.html`, names no call.
 */
export function callIdFromLocation(location: { pathname: string; search: string }): string {
  const fromQuery = new URLSearchParams(location.search).get('call')?.trim()
  if (fromQuery) return fromQuery
  // Call ids need no percent-encoding, so the raw segment is the id or not one.
  const segment = /^\/([^/]+)$/.exec(location.pathname)?.[1] ?? ''
  return isValidCallId(segment) ? segment : ''
}

/** The link that invites someone to a call on the web: `<origin>/<callId>`. */
export function callLink(origin: string, callId: string): string {
  return `${origin}/${encodeURIComponent(callId)}`
}

/**
 * The page address while in a call: the call link, keeping other parameters (`?relay=1`) but not
 * an older `?call=`, so a reload rejoins and the address bar is the link to share.
 */
export function addressForCall(href: string, callId: string): string {
  const url = new URL(href)
  url.pathname = `/${encodeURIComponent(callId)}`
  url.searchParams.delete('call')
  return url.toString()
}

const LETTERS = 'abcdefghijkmnopqrstuvwxyz'

/** Three groups of letters (like "kfr-wqzm-tbe"): easy to read aloud, and about 10^14 possibilities. */
export function randomCallId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  const chars = Array.from(bytes, (byte) => LETTERS[byte % LETTERS.length] ?? 'a')
  return `${chars.slice(0, 3).join('')}-${chars.slice(3, 7).join('')}-${chars.slice(7, 10).join('')}`
}
