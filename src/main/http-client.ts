/**
 * JSON over HTTP for main's services: every body is parsed with a shared schema, and every failure
 * becomes a BridgeError with a message for people (the raw error stays in the log).
 */
import type { z } from 'zod'
import { BridgeError } from './bridge-error'
import { httpErrorSchema } from '../shared/protocol'

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

export const HTTP_TIMEOUT_MS = 10_000

/** Joins a server base URL (which may carry a path prefix) and an API path. */
export function apiUrl(serverUrl: string, path: string): string {
  return `${serverUrl.replace(/\/+$/, '')}${path}`
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

export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    readonly serverMessage: string | null,
  ) {
    super(`HTTP ${status}${code ? ` ${code}` : ''}${serverMessage ? `: ${serverMessage}` : ''}`)
    this.name = 'HttpStatusError'
  }
}

export interface JsonRequest {
  method: 'GET' | 'POST'
  body?: unknown
  bearer?: string
}

/**
 * Sends a request and parses a 2xx body with `schema` (or expects no body when `schema` is null).
 * Network failures throw SERVER_UNREACHABLE; a non-2xx status throws HttpStatusError so callers
 * can tell 401 from 500; a body that does not match throws SERVER_ERROR.
 */
export async function requestJson<S extends z.ZodType>(
  fetchImpl: FetchLike,
  url: string,
  request: JsonRequest,
  schema: S | null,
): Promise<z.output<S> | null> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (request.body !== undefined) headers['content-type'] = 'application/json'
  if (request.bearer) headers.authorization = `Bearer ${request.bearer}`
  let response: Response
  try {
    response = await fetchImpl(url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      // A redirect could carry the bearer token elsewhere: refuse them.
      redirect: 'error',
    })
  } catch (error) {
    throw new BridgeError(
      'SERVER_UNREACHABLE',
      `The server at ${new URL(url).origin} cannot be reached. Check the address and your connection.`,
      { cause: error },
    )
  }
  if (!response.ok) {
    let code: string | null = null
    let message: string | null = null
    try {
      const parsed = httpErrorSchema.safeParse(await response.json())
      if (parsed.success) {
        code = parsed.data.error
        message = parsed.data.message
      }
    } catch {
      // A non-JSON error body: the status says enough.
    }
    throw new HttpStatusError(response.status, code, message)
  }
  if (schema === null) return null
  let body: unknown
  try {
    body = await response.json()
  } catch (error) {
    throw new BridgeError('SERVER_ERROR', 'The server’s answer was not understood.', {
      cause: error,
    })
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    throw new BridgeError('SERVER_ERROR', 'The server’s answer was not understood.', {
      cause: parsed.error,
    })
  }
  return parsed.data
}
