/** Error codes carried by `rtc:error`. `code` is for programs; `message` is for people. */
export const ERROR_CODES = [
  'UNAUTHORIZED',
  'INVALID_PAYLOAD',
  'CALL_FULL',
  'NOT_IN_CALL',
  'PEER_NOT_FOUND',
  'RATE_LIMITED',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]
