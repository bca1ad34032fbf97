/** Call IDs: reading one from the page address, checking one, and making up a new one. */
import { CALL_ID_PATTERN } from '../../../../shared/protocol/limits'

export const CALL_ID_RULE = 'A call ID is 1 to 128 letters, digits, hyphens (-) or underscores (_).'

export function isValidCallId(value: string): boolean {
  return CALL_ID_PATTERN.test(value)
}

export function callIdFromSearch(search: string): string {
  return new URLSearchParams(search).get('call')?.trim() ?? ''
}

const LETTERS = 'abcdefghijkmnopqrstuvwxyz'

/** Three groups of letters (like "kfr-wqzm-tbe"): easy to read aloud, and about 10^14 possibilities. */
export function randomCallId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  const chars = Array.from(bytes, (byte) => LETTERS[byte % LETTERS.length] ?? 'a')
  return `${chars.slice(0, 3).join('')}-${chars.slice(3, 7).join('')}-${chars.slice(7, 10).join('')}`
}
