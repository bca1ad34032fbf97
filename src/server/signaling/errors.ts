/** How a refused request is reported: `rtc:error` naming the event that was refused. */
import type { z } from 'zod'
import type { ErrorCode, RtcError } from '../../shared/protocol'

export class SignalingError extends Error {
  override readonly name = 'SignalingError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

export function rtcError(
  code: ErrorCode,
  message: string,
  event: string | null,
  details: Record<string, unknown> = {},
): RtcError {
  return { code, message, details: { ...(event === null ? {} : { event }), ...details } }
}

/** A short, human reason from a zod error: the first few issues with their paths. */
export function describeIssues(error: z.ZodError): {
  message: string
  issues: { path: string; message: string }[]
} {
  const issues = error.issues.slice(0, 5).map((issue) => ({
    path: issue.path.map(String).join('.').slice(0, 100),
    message: issue.message.slice(0, 200),
  }))
  const first = issues[0]
  const message = first
    ? `Invalid payload: ${first.path === '' ? '' : `${first.path}: `}${first.message}`
    : 'Invalid payload'
  return { message, issues }
}
