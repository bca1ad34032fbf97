/**
 * The signed-in session, owned by main. Sign-in, refresh and sign-out go over HTTP from here; the
 * refresh token lives in a SecretVault and in this closure, and never reaches the renderer. The
 * renderer gets short-lived access tokens, refreshed before they expire (on a timer, and on demand
 * when one is asked for close to its expiry). Refresh tokens rotate: each new one is saved back.
 */
import {
  API_PATHS,
  authResponseSchema,
  serverInfoSchema,
  type AuthResponse,
} from '../../shared/protocol'
import type {
  HostServerInfo,
  ServerInfoRequest,
  SessionInfo,
  SignInRequest,
} from '../../shared/bridge'
import { BridgeError, isBridgeError } from '../bridge-error'
import {
  apiUrl,
  HttpStatusError,
  normalizeServerUrl,
  requestJson,
  type FetchLike,
} from '../http-client'
import type { SettingsStore } from '../settings/settings-store'
import { createMemoryVault, vaultAccount, type SecretVault } from './token-vault'

export interface EmbeddedServerHandle {
  url: string
}

export interface TimerApi {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface SessionLogger {
  info(message: string, details?: Record<string, unknown>): void
  warn(message: string, details?: Record<string, unknown>): void
}

export interface SessionServiceDependencies {
  fetch: FetchLike
  /** The vault chosen at start-up (keychain, safeStorage or memory). */
  vault: SecretVault
  settings: SettingsStore
  /**
   * The embedded reference server, started on first need; null when it cannot run. Sessions on it
   * stay in memory: its port and signing key change every run, so a stored token would be useless.
   */
  embeddedServer: {
    ensure(): Promise<EmbeddedServerHandle | null>
    current(): EmbeddedServerHandle | null
  }
  /** A server URL forced for this run (PARLEY_SERVER_URL), ahead of the settings. */
  serverUrlOverride?: string | null
  now?: () => number
  timers?: TimerApi
  log: SessionLogger
}

export interface SessionService {
  getServerInfo(request: ServerInfoRequest): Promise<HostServerInfo>
  getSession(): SessionInfo | null
  signIn(request: SignInRequest): Promise<SessionInfo>
  signOut(): Promise<void>
  /** A fresh access token; `forceRefresh` after the server refused the current one. */
  getAccessToken(options?: { forceRefresh?: boolean }): Promise<string>
  /** Signs back in from the vault at start-up; null when there is nothing (valid) to restore. */
  restore(): Promise<SessionInfo | null>
  /** The server the next sign-in goes to when the request names none. */
  defaultServerUrl(): Promise<{ url: string; embedded: boolean }>
  onChange(listener: (session: SessionInfo | null) => void): () => void
  dispose(): void
}

interface ActiveSession {
  info: SessionInfo
  account: string
  vault: SecretVault
  refreshToken: string
  accessToken: string
  /** Epoch ms. */
  accessExpiresAt: number
  /** Epoch ms at which to refresh: ahead of expiry by a fifth of the lifetime, at most a minute. */
  refreshAt: number
}

/** Retry delays for a scheduled refresh that failed on the network, ms. */
const REFRESH_RETRY_DELAYS = [2_000, 5_000, 15_000, 30_000]

const realTimers: TimerApi = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export function createSessionService(deps: SessionServiceDependencies): SessionService {
  const now = deps.now ?? Date.now
  const timers = deps.timers ?? realTimers
  const memoryVault = createMemoryVault()
  const listeners = new Set<(session: SessionInfo | null) => void>()
  let active: ActiveSession | null = null
  let refreshing: Promise<ActiveSession> | null = null
  let refreshTimer: unknown = null
  let refreshFailures = 0
  let disposed = false

  function emit(): void {
    const info = active?.info ?? null
    for (const listener of listeners) listener(info)
  }

  function embeddedUrlIfRunning(): string | null {
    const handle = deps.embeddedServer.current()
    return handle ? normalizeServerUrl(handle.url) : null
  }

  /**
   * Where a sign-in that names no server goes: the run's override (PARLEY_SERVER_URL), else the
   * built-in server, as the Bridge promises. (The configured server is what start-up restores.)
   */
  async function defaultServerUrl(): Promise<{ url: string; embedded: boolean }> {
    if (deps.serverUrlOverride) {
      const url = normalizeServerUrl(deps.serverUrlOverride)
      return { url, embedded: url === embeddedUrlIfRunning() }
    }
    const handle = await deps.embeddedServer.ensure()
    if (!handle) {
      throw new BridgeError(
        'NOT_AVAILABLE',
        'No server is configured and the built-in one could not start. Enter a server address.',
      )
    }
    return { url: normalizeServerUrl(handle.url), embedded: true }
  }

  async function resolveServer(
    requested: string | undefined,
  ): Promise<{ url: string; embedded: boolean }> {
    if (requested === undefined) return defaultServerUrl()
    const url = normalizeServerUrl(requested)
    return { url, embedded: url === embeddedUrlIfRunning() }
  }

  function toSignInError(error: unknown): unknown {
    if (!(error instanceof HttpStatusError)) return error
    if (error.status === 401 || error.status === 403) {
      return new BridgeError(
        'SIGN_IN_FAILED',
        error.serverMessage ?? 'The user name or password is not right.',
      )
    }
    if (error.status === 429) {
      return new BridgeError(
        'SIGN_IN_FAILED',
        'Too many failed sign-ins. Wait a minute, then try again.',
      )
    }
    if (error.status === 400) {
      return new BridgeError(
        'SIGN_IN_FAILED',
        error.serverMessage ?? 'The server refused the sign-in.',
      )
    }
    return new BridgeError(
      'SERVER_ERROR',
      `The server failed to sign you in (HTTP ${error.status}).`,
    )
  }

  function schedule(session: ActiveSession): void {
    if (refreshTimer !== null) timers.clearTimeout(refreshTimer)
    refreshTimer = null
    if (disposed) return
    const delay = Math.max(0, session.refreshAt - now())
    refreshTimer = timers.setTimeout(() => {
      refreshTimer = null
      void refresh().then(
        () => {
          refreshFailures = 0
        },
        (error: unknown) => {
          // A refused refresh already ended the session; only network trouble is retried.
          if (!active) return
          // Network trouble: try again soon, as long as the session still stands.
          const retryIn =
            REFRESH_RETRY_DELAYS[Math.min(refreshFailures, REFRESH_RETRY_DELAYS.length - 1)]
          refreshFailures += 1
          deps.log.warn('Scheduled token refresh failed; will retry', {
            error: String(error),
            retryInMs: retryIn,
          })
          if (active && retryIn !== undefined) {
            const current = active
            refreshTimer = timers.setTimeout(() => {
              refreshTimer = null
              current.refreshAt = now()
              schedule(current)
            }, retryIn)
          }
        },
      )
    }, delay)
  }

  function activeFrom(
    response: AuthResponse,
    serverUrl: string,
    embedded: boolean,
    vault: SecretVault,
  ): ActiveSession {
    const issuedAt = now()
    const lifetime = response.expiresIn * 1000
    const lead = Math.min(60_000, lifetime / 5)
    return {
      info: { serverUrl, user: response.user, storage: vault.kind, embedded },
      account: vaultAccount(serverUrl, response.user.id),
      vault,
      refreshToken: response.refreshToken,
      accessToken: response.accessToken,
      accessExpiresAt: issuedAt + lifetime,
      refreshAt: issuedAt + lifetime - lead,
    }
  }

  async function persist(session: ActiveSession): Promise<void> {
    try {
      await session.vault.set(session.account, session.refreshToken)
    } catch (error) {
      // The keychain went away mid-run: keep the session for this run, do not lose the sign-in.
      deps.log.warn('Refresh token could not be saved to the vault', { error: String(error) })
    }
  }

  async function forget(session: ActiveSession): Promise<void> {
    try {
      await session.vault.delete(session.account)
    } catch (error) {
      deps.log.warn('Refresh token could not be deleted from the vault', { error: String(error) })
    }
  }

  async function revoke(session: ActiveSession): Promise<void> {
    try {
      await requestJson(
        deps.fetch,
        apiUrl(session.info.serverUrl, API_PATHS.logout),
        { method: 'POST', body: { refreshToken: session.refreshToken } },
        null,
      )
    } catch (error) {
      // Offline sign-out still signs out here; the token expires on the server by itself.
      deps.log.warn('Could not revoke the refresh token on the server', { error: String(error) })
    }
  }

  async function endSession(reason: string): Promise<void> {
    const ended = active
    if (!ended) return
    active = null
    if (refreshTimer !== null) timers.clearTimeout(refreshTimer)
    refreshTimer = null
    await forget(ended)
    if (!ended.info.embedded) deps.settings.update({ session: null })
    deps.log.info('Session ended', { reason })
    emit()
  }

  async function refresh(): Promise<ActiveSession> {
    if (refreshing) return refreshing
    const session = active
    if (!session) throw new BridgeError('NOT_SIGNED_IN', 'You are not signed in.')
    refreshing = (async () => {
      let response: AuthResponse | null
      try {
        response = await requestJson(
          deps.fetch,
          apiUrl(session.info.serverUrl, API_PATHS.refresh),
          { method: 'POST', body: { refreshToken: session.refreshToken } },
          authResponseSchema,
        )
      } catch (error) {
        if (error instanceof HttpStatusError && (error.status === 401 || error.status === 403)) {
          if (active === session) await endSession('the server refused the refresh token')
          throw new BridgeError('NOT_SIGNED_IN', 'Your sign-in has expired. Please sign in again.')
        }
        if (error instanceof HttpStatusError) {
          throw new BridgeError(
            'SERVER_ERROR',
            `The server failed to renew your sign-in (HTTP ${error.status}).`,
          )
        }
        throw error
      }
      if (!response) throw new BridgeError('SERVER_ERROR', 'The server’s answer was empty.')
      if (active !== session) {
        // Signed out (or in elsewhere) while this was in flight: drop the new tokens.
        throw new BridgeError('NOT_SIGNED_IN', 'You are not signed in.')
      }
      const next = activeFrom(
        response,
        session.info.serverUrl,
        session.info.embedded,
        session.vault,
      )
      // The server's view of the user wins (a renamed display name shows up here).
      active = next
      await persist(next)
      schedule(next)
      if (JSON.stringify(next.info) !== JSON.stringify(session.info)) emit()
      return next
    })()
    try {
      return await refreshing
    } finally {
      refreshing = null
    }
  }

  return {
    async getServerInfo(request) {
      const { url, embedded } = await resolveServer(request.serverUrl)
      try {
        const info = await requestJson(
          deps.fetch,
          apiUrl(url, API_PATHS.serverInfo),
          { method: 'GET' },
          serverInfoSchema,
        )
        return { serverUrl: url, authMode: info?.authMode ?? 'users', embedded }
      } catch (error) {
        // PROTOCOL.md: a backend without server-info is treated as wanting a password.
        if (error instanceof HttpStatusError && error.status === 404) {
          return { serverUrl: url, authMode: 'users', embedded }
        }
        if (error instanceof HttpStatusError) {
          throw new BridgeError('SERVER_ERROR', `The server answered HTTP ${error.status}.`)
        }
        throw error
      }
    },

    getSession: () => active?.info ?? null,

    async signIn(request) {
      const { url, embedded } = await resolveServer(request.serverUrl)
      let response: AuthResponse | null
      try {
        response = await requestJson(
          deps.fetch,
          apiUrl(url, API_PATHS.login),
          {
            method: 'POST',
            body: {
              username: request.username,
              ...(request.password !== undefined ? { password: request.password } : {}),
            },
          },
          authResponseSchema,
        )
      } catch (error) {
        throw toSignInError(error)
      }
      if (!response) throw new BridgeError('SERVER_ERROR', 'The server’s answer was empty.')
      const previous = active
      const next = activeFrom(response, url, embedded, embedded ? memoryVault : deps.vault)
      active = next
      if (previous) {
        await revoke(previous)
        if (previous.account !== next.account || previous.vault !== next.vault)
          await forget(previous)
      }
      await persist(next)
      if (!embedded) {
        deps.settings.update({
          serverUrl: deps.serverUrlOverride ? deps.settings.get().serverUrl : url,
          session: { serverUrl: url, userId: next.info.user.id, storage: next.vault.kind },
        })
      } else if (!deps.serverUrlOverride) {
        // Back on the built-in server: it is the default again at the next start.
        deps.settings.update({ serverUrl: null, session: null })
      }
      schedule(next)
      deps.log.info('Signed in', { server: url, storage: next.vault.kind, embedded })
      emit()
      return next.info
    },

    async signOut() {
      const session = active
      if (!session) return
      await revoke(session)
      await endSession('signed out')
    },

    async getAccessToken(options) {
      if (!active) throw new BridgeError('NOT_SIGNED_IN', 'You are not signed in.')
      if (options?.forceRefresh || now() >= active.refreshAt) {
        return (await refresh()).accessToken
      }
      return active.accessToken
    },

    async restore() {
      const saved = deps.settings.get().session
      if (!saved) return null
      if (saved.storage !== deps.vault.kind) {
        deps.log.info('Saved session was in another vault; not restoring', {
          saved: saved.storage,
          now: deps.vault.kind,
        })
        return null
      }
      const serverUrl = normalizeServerUrl(saved.serverUrl)
      const account = vaultAccount(serverUrl, saved.userId)
      let refreshToken: string | null
      try {
        refreshToken = await deps.vault.get(account)
      } catch (error) {
        deps.log.warn('Vault could not be read', { error: String(error) })
        return null
      }
      if (!refreshToken) {
        deps.settings.update({ session: null })
        return null
      }
      let response: AuthResponse | null
      try {
        response = await requestJson(
          deps.fetch,
          apiUrl(serverUrl, API_PATHS.refresh),
          { method: 'POST', body: { refreshToken } },
          authResponseSchema,
        )
      } catch (error) {
        if (error instanceof HttpStatusError && (error.status === 401 || error.status === 403)) {
          await deps.vault.delete(account).catch(() => undefined)
          deps.settings.update({ session: null })
          deps.log.info('Saved session was refused by the server; signed out')
        } else {
          // Offline at start-up: keep the saved session for the next try.
          deps.log.warn('Saved session could not be restored now', {
            error: isBridgeError(error) ? error.detail : String(error),
          })
        }
        return null
      }
      if (!response) return null
      const next = activeFrom(response, serverUrl, false, deps.vault)
      active = next
      await persist(next)
      schedule(next)
      deps.log.info('Session restored', { server: serverUrl, storage: next.vault.kind })
      emit()
      return next.info
    },

    defaultServerUrl,

    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    dispose() {
      disposed = true
      if (refreshTimer !== null) timers.clearTimeout(refreshTimer)
      refreshTimer = null
    },
  }
}
