/** Wire limits from PROTOCOL.md, shared so the server enforces and the client respects the same numbers. */
export const CALL_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/
export const MAX_SDP_BYTES = 64 * 1024
export const MAX_CANDIDATE_LENGTH = 4096
export const MAX_USER_ID_LENGTH = 128
export const MAX_DISPLAY_NAME_LENGTH = 64
export const MIN_PARTICIPANTS = 2
export const MAX_PARTICIPANTS = 10
export const DEFAULT_MAX_PARTICIPANTS = 4
