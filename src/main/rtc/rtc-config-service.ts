/**
 * RTC config, fetched by main with the bearer token so the renderer never needs the refresh
 * token. The server's answer is cached until its TURN credentials expire (a minute early, so a
 * call never starts with credentials about to lapse), retried with exponential backoff on network
 * and server errors, and mapped to iceServers with "always relay" applied at read time, so
 * flipping that preference needs no new fetch.
 */
import type { ClientRtcConfig } from '../../shared/rtc-config'
import { toClientRtcConfig } from '../../shared/rtc-config'
import { API_PATHS, rtcConfigResponseSchema, type RtcConfigResponse } from '../../shared/protocol'
import { isBridgeError, phrasedBridgeError } from '../bridge-error'
import { AUTH_PHRASES } from '../../shared/auth/auth-messages'
import { phrase } from '../../shared/i18n/phrase'
import { apiUrl, HttpStatusError, requestJson, type FetchLike } from '../http-client'

export interface RtcConfigSessionSource {
  getSession(): { serverUrl: string; user: { id: string } } | null
  getAccessToken(options?: { forceRefresh?: boolean }): Promise<string>
}

export interface RtcConfigServiceDependencies {
  fetch: FetchLike
  session: RtcConfigSessionSource
  alwaysRelay: () => boolean
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  log: { warn(message: string, details?: Record<string, unknown>): void }
  /** Delays between attempts, ms; its length + 1 is the number of attempts. */
  retryDelaysMs?: number[]
  /** How long a config without an expiry is reused, ms. */
  maxAgeWithoutExpiryMs?: number
}

export interface RtcConfigService {
  getRtcConfig(): Promise<ClientRtcConfig>
  /** Drops the cache, e.g. on sign-out or a change of server. */
  invalidate(): void
}

/** Refetch this long before the TURN credentials expire. */
export const EXPIRY_MARGIN_MS = 60_000
export const DEFAULT_RETRY_DELAYS_MS = [500, 1_000, 2_000, 4_000]
const DEFAULT_MAX_AGE_WITHOUT_EXPIRY_MS = 10 * 60_000

interface CacheEntry {
  key: string
  response: RtcConfigResponse
  /** Epoch ms after which the entry is stale. */
  staleAt: number
}

export function createRtcConfigService(deps: RtcConfigServiceDependencies): RtcConfigService {
  const now = deps.now ?? Date.now
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  const retryDelays = deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS
  const maxAge = deps.maxAgeWithoutExpiryMs ?? DEFAULT_MAX_AGE_WITHOUT_EXPIRY_MS
  let cache: CacheEntry | null = null
  let inFlight: { key: string; promise: Promise<RtcConfigResponse> } | null = null

  function isRetryable(error: unknown): boolean {
    if (error instanceof HttpStatusError) return error.status >= 500 || error.status === 429
    return isBridgeError(error) && error.code === 'SERVER_UNREACHABLE'
  }

  async function fetchOnce(serverUrl: string, forceRefresh: boolean): Promise<RtcConfigResponse> {
    const token = await deps.session.getAccessToken({ forceRefresh })
    const body = await requestJson(
      deps.fetch,
      apiUrl(serverUrl, API_PATHS.rtcConfig),
      { method: 'GET', bearer: token },
      rtcConfigResponseSchema,
    )
    if (!body) throw phrasedBridgeError('SERVER_ERROR', phrase('bridgeErrors.emptyRtcConfig'))
    return body
  }

  async function fetchWithRetry(serverUrl: string): Promise<RtcConfigResponse> {
    let refreshedToken = false
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await fetchOnce(serverUrl, false)
      } catch (firstError) {
        let error = firstError
        if (error instanceof HttpStatusError && error.status === 401 && !refreshedToken) {
          // The access token was refused (revoked or clock skew): renew it once and go again.
          refreshedToken = true
          try {
            return await fetchOnce(serverUrl, true)
          } catch (retryError) {
            error = retryError
          }
        }
        if (error instanceof HttpStatusError && error.status === 401) {
          throw phrasedBridgeError('NOT_SIGNED_IN', phrase('bridgeErrors.signInNotAccepted'))
        }
        const delay = retryDelays[attempt]
        if (!isRetryable(error) || delay === undefined) {
          if (error instanceof HttpStatusError) {
            throw phrasedBridgeError(
              'SERVER_ERROR',
              phrase('bridgeErrors.noCallConfig', { status: String(error.status) }),
            )
          }
          throw error
        }
        deps.log.warn('RTC config fetch failed; retrying', { attempt: attempt + 1, delay })
        await sleep(delay)
      }
    }
  }

  return {
    async getRtcConfig() {
      const session = deps.session.getSession()
      if (!session) throw phrasedBridgeError('NOT_SIGNED_IN', AUTH_PHRASES.notSignedIn)
      const key = `${session.serverUrl}#${session.user.id}`
      let response: RtcConfigResponse
      if (cache && cache.key === key && now() < cache.staleAt) {
        response = cache.response
      } else {
        // Callers asking at once share one request.
        if (!inFlight || inFlight.key !== key) {
          const promise = fetchWithRetry(session.serverUrl)
          inFlight = { key, promise }
          void promise.then(
            () => undefined,
            () => undefined,
          )
        }
        const current = inFlight
        try {
          response = await current.promise
        } finally {
          if (inFlight === current) inFlight = null
        }
        const fetchedAt = now()
        const staleAt =
          response.turnCredentialExpiresAt !== undefined
            ? response.turnCredentialExpiresAt * 1000 - EXPIRY_MARGIN_MS
            : fetchedAt + maxAge
        cache = { key, response, staleAt }
      }
      return toClientRtcConfig(response, { alwaysRelay: deps.alwaysRelay() })
    },
    invalidate() {
      cache = null
    },
  }
}
