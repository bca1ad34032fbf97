/**
 * The signed-in session, owned by main. Sign-in, refresh and sign-out go over HTTP through the
 * shared auth client (the browser's web host uses the same one); the refresh token lives in a
 * SecretVault and in this closure, and never reaches the renderer. The renderer gets short-lived
 * access tokens, refreshed before they expire (on a timer, and on demand when one is asked for
 * close to its expiry). Refresh tokens rotate: each new one is saved back. When the server refuses
 * the refresh token, a guest is signed in again with the same name; anyone else signs in again.
 */
import { createAuthClient, type IssuedTokens } from '../../shared/auth/auth-client'
import { AUTH_PHRASES } from '../../shared/auth/auth-messages'
import { englishText, phrase } from '../../shared/i18n/phrase'
import { createTokenKeeper, type TokenKeeper } from '../../shared/auth/token-keeper'
import type {
  HostServerInfo,
  ServerInfoRequest,
  SessionInfo,
  SignInRequest,
} from '../../shared/bridge'
import { isBridgeError, phrasedBridgeError } from '../bridge-error'
import { normalizeServerUrl, type FetchLike } from '../http-client'
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
  keeper: TokenKeeper
  /** Signed in without a password: the server is in guest mode, and can be re-joined by name. */
  guest: boolean
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
  const client = createAuthClient({ fetch: deps.fetch, now })
  const memoryVault = createMemoryVault()
  const listeners = new Set<(session: SessionInfo | null) => void>()
  let active: ActiveSession | null = null
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
      throw phrasedBridgeError('NOT_AVAILABLE', phrase('bridgeErrors.noServer'))
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

  function clearTimer(): void {
    if (refreshTimer !== null) timers.clearTimeout(refreshTimer)
    refreshTimer = null
  }

  function schedule(session: ActiveSession, at?: number): void {
    clearTimer()
    const tokens = session.keeper.tokens()
    if (disposed || !tokens) return
    const delay = Math.max(0, (at ?? tokens.refreshAt) - now())
    refreshTimer = timers.setTimeout(() => {
      refreshTimer = null
      void session.keeper.refresh().then(
        () => {
          refreshFailures = 0
        },
        (error: unknown) => {
          // A refused refresh already ended the session; only network trouble is retried.
          if (active !== session) return
          const retryIn =
            REFRESH_RETRY_DELAYS[Math.min(refreshFailures, REFRESH_RETRY_DELAYS.length - 1)] ??
            30_000
          refreshFailures += 1
          deps.log.warn('Scheduled token refresh failed; will retry', {
            error: String(error),
            retryInMs: retryIn,
          })
          schedule(session, now() + retryIn)
        },
      )
    }, delay)
  }

  async function persist(session: ActiveSession, refreshToken: string): Promise<void> {
    try {
      await session.vault.set(session.account, refreshToken)
    } catch (error) {
      // The keychain went away mid-run: keep the session for this run, do not lose the sign-in.
      deps.log.warn('Refresh token could not be saved to the vault', { error: String(error) })
    }
  }

  async function forget(session: { vault: SecretVault; account: string }): Promise<void> {
    try {
      await session.vault.delete(session.account)
    } catch (error) {
      deps.log.warn('Refresh token could not be deleted from the vault', { error: String(error) })
    }
  }

  async function revoke(session: ActiveSession): Promise<void> {
    const tokens = session.keeper.tokens()
    if (!tokens) return
    try {
      await client.logout(session.info.serverUrl, tokens.refreshToken)
    } catch (error) {
      // Offline sign-out still signs out here; the token expires on the server by itself.
      deps.log.warn('Could not revoke the refresh token on the server', { error: String(error) })
    }
  }

  async function endSession(session: ActiveSession, reason: string): Promise<void> {
    if (active !== session) return
    active = null
    session.keeper.end()
    clearTimer()
    await forget(session)
    if (!session.info.embedded) deps.settings.update({ session: null })
    deps.log.info('Session ended', { reason })
    emit()
  }

  function saveAsConfigured(info: SessionInfo, vault: SecretVault, guest: boolean): void {
    if (!info.embedded) {
      deps.settings.update({
        serverUrl: deps.serverUrlOverride ? deps.settings.get().serverUrl : info.serverUrl,
        session: {
          serverUrl: info.serverUrl,
          userId: info.user.id,
          storage: vault.kind,
          guest,
        },
      })
    } else if (!deps.serverUrlOverride) {
      // Back on the built-in server: it is the default again at the next start.
      deps.settings.update({ serverUrl: null, session: null })
    }
  }

  /** Starts keeping `tokens` as the active session (the vault entry and timer included). */
  async function activate(
    tokens: IssuedTokens,
    place: { serverUrl: string; embedded: boolean; vault: SecretVault; guest: boolean },
  ): Promise<ActiveSession> {
    const session: ActiveSession = {
      info: {
        serverUrl: place.serverUrl,
        user: tokens.user,
        storage: place.vault.kind,
        embedded: place.embedded,
      },
      account: vaultAccount(place.serverUrl, tokens.user.id),
      vault: place.vault,
      guest: place.guest,
      keeper: null as unknown as TokenKeeper,
    }
    session.keeper = createTokenKeeper(client, place.serverUrl, tokens, {
      now,
      hooks: {
        onRenewed: async (next, previous) => {
          if (active !== session) return
          if (next.user.id !== previous.user.id) {
            // A guest signed in again: a new account in the vault, and the page must hear of it.
            await forget(session)
            session.account = vaultAccount(place.serverUrl, next.user.id)
            session.info = { ...session.info, user: next.user }
            await persist(session, next.refreshToken)
            saveAsConfigured(session.info, session.vault, session.guest)
            schedule(session)
            emit()
            return
          }
          await persist(session, next.refreshToken)
          schedule(session)
          // The server's view of the user wins (a renamed display name shows up here).
          if (JSON.stringify(next.user) !== JSON.stringify(session.info.user)) {
            session.info = { ...session.info, user: next.user }
            emit()
          }
        },
        onRefused: async () => {
          deps.log.warn(englishText(AUTH_PHRASES.refreshRefused))
          if (!session.guest) return null
          const renewed = await client.login(place.serverUrl, {
            username: session.info.user.displayName,
          })
          deps.log.info(englishText(AUTH_PHRASES.guestSignedInAgain(renewed.user.displayName)))
          return renewed
        },
        onEnded: () => endSession(session, 'the server refused the refresh token'),
      },
    })
    active = session
    await persist(session, tokens.refreshToken)
    schedule(session)
    return session
  }

  return {
    async getServerInfo(request) {
      const { url, embedded } = await resolveServer(request.serverUrl)
      const info = await client.serverInfo(url)
      return { ...info, embedded }
    },

    getSession: () => active?.info ?? null,

    async signIn(request) {
      const { url, embedded } = await resolveServer(request.serverUrl)
      const tokens = await client.login(url, request)
      const previous = active
      const vault = embedded ? memoryVault : deps.vault
      const previousRefresh = previous?.keeper.tokens() ?? null
      previous?.keeper.end()
      const next = await activate(tokens, {
        serverUrl: url,
        embedded,
        vault,
        guest: request.password === undefined || request.password === '',
      })
      if (previous) {
        if (previousRefresh) {
          await client
            .logout(previous.info.serverUrl, previousRefresh.refreshToken)
            .catch((error: unknown) =>
              deps.log.warn('Could not revoke the refresh token on the server', {
                error: String(error),
              }),
            )
        }
        if (previous.account !== next.account || previous.vault !== next.vault) {
          await forget(previous)
        }
      }
      saveAsConfigured(next.info, vault, next.guest)
      deps.log.info('Signed in', { server: url, storage: vault.kind, embedded })
      emit()
      return next.info
    },

    async signOut() {
      const session = active
      if (!session) return
      await revoke(session)
      await endSession(session, 'signed out')
    },

    async getAccessToken(options) {
      if (!active) throw phrasedBridgeError('NOT_SIGNED_IN', AUTH_PHRASES.notSignedIn)
      return active.keeper.accessToken(options)
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
      let tokens: IssuedTokens
      try {
        tokens = await client.refresh(serverUrl, refreshToken)
      } catch (error) {
        if (isBridgeError(error) && error.code === 'NOT_SIGNED_IN') {
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
      const next = await activate(tokens, {
        serverUrl,
        embedded: false,
        vault: deps.vault,
        guest: saved.guest === true,
      })
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
      clearTimer()
    },
  }
}
