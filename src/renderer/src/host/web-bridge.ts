/**
 * The Bridge when the renderer is served by the reference server and runs in a browser. Everything
 * goes over HTTP to the page's own origin, through the same auth client main uses (same refresh
 * rule, same words). Tokens and preferences live in memory only: a browser tab has no keychain,
 * and a reload signs the person in again.
 */
import {
  BridgeError,
  phrasedBridgeError,
  signInRequestSchema,
  type Bridge,
  type HostServerInfo,
  type Preferences,
  type PreferencesPatch,
  type SessionInfo,
  type SignInRequest,
  type Unsubscribe,
} from '../../../shared/bridge'
import {
  createAuthClient,
  HttpStatusError,
  requestJson,
  type FetchLike,
  type IssuedTokens,
} from '../../../shared/auth/auth-client'
import { AUTH_PHRASES } from '../../../shared/auth/auth-messages'
import { apiUrl } from '../../../shared/auth/server-address'
import { createTokenKeeper, type TokenKeeper } from '../../../shared/auth/token-keeper'
import { API_PATHS, rtcConfigResponseSchema } from '../../../shared/protocol'
import { toClientRtcConfig, type ClientRtcConfig } from '../../../shared/rtc-config'

export interface WebBridgeDeps {
  /** Injected by unit tests; the page's own fetch otherwise. */
  fetch?: FetchLike
  now?: () => number
}

/** What the web host reads of the page's `Location` (a real one fits). */
export interface PageLocation {
  origin: string
  search: string
}

export function createWebBridge(location: PageLocation, deps: WebBridgeDeps = {}): Bridge {
  const doFetch: FetchLike = deps.fetch ?? ((input, init) => fetch(input, init))
  const now = deps.now ?? (() => Date.now())
  const client = createAuthClient({ fetch: doFetch, now })
  const origin = location.origin
  const relayParam = new URLSearchParams(location.search).get('relay')

  let session: SessionInfo | null = null
  let keeper: TokenKeeper | null = null
  let preferences: Preferences = {
    alwaysRelay: relayParam === '1' || relayParam === 'true',
    preferredDevices: { audioInput: null, videoInput: null, audioOutput: null },
  }
  const sessionListeners = new Set<(session: SessionInfo | null) => void>()

  function setSession(next: SessionInfo | null): void {
    session = next
    for (const listener of sessionListeners) listener(next)
  }

  function keep(serverUrl: string, tokens: IssuedTokens, guest: boolean): TokenKeeper {
    const kept: TokenKeeper = createTokenKeeper(client, serverUrl, tokens, {
      now,
      hooks: {
        onRenewed: (next) => {
          if (keeper !== kept || !session) return
          if (JSON.stringify(next.user) !== JSON.stringify(session.user)) {
            setSession({ ...session, user: next.user })
          }
        },
        // A guest whose token the server no longer accepts signs in again under the same name.
        onRefused: async (previous) =>
          guest ? client.login(serverUrl, { username: previous.user.displayName }) : null,
        onEnded: () => {
          if (keeper !== kept) return
          keeper = null
          setSession(null)
        },
      },
    })
    return kept
  }

  function signedIn(): { keeper: TokenKeeper; serverUrl: string } {
    if (!keeper || !session) throw phrasedBridgeError('NOT_SIGNED_IN', AUTH_PHRASES.notSignedIn)
    return { keeper, serverUrl: session.serverUrl }
  }

  const signaling: Bridge['signaling'] = {
    async getServerInfo(req): Promise<HostServerInfo> {
      const info = await client.serverInfo(req.serverUrl ?? origin)
      return { ...info, embedded: false }
    },

    async getSession() {
      return session
    },

    async signIn(raw: SignInRequest): Promise<SessionInfo> {
      const parsedRequest = signInRequestSchema.safeParse(raw)
      if (!parsedRequest.success) {
        const issue = parsedRequest.error.issues[0]
        throw new BridgeError('INVALID_ARGUMENT', issue?.message ?? 'Check the sign-in details.')
      }
      const { username, password } = parsedRequest.data
      const serverUrl = parsedRequest.data.serverUrl ?? origin
      const tokens = await client.login(serverUrl, { username, password })
      keeper?.end()
      keeper = keep(serverUrl, tokens, password === undefined || password === '')
      const next: SessionInfo = { serverUrl, user: tokens.user, storage: 'memory', embedded: false }
      setSession(next)
      return next
    },

    async signOut() {
      const ending = keeper
      const tokens = ending?.tokens()
      const serverUrl = session?.serverUrl
      ending?.end()
      keeper = null
      setSession(null)
      if (!tokens || !serverUrl) return
      // Signed out locally either way; the refresh token expires on its own.
      await client.logout(serverUrl, tokens.refreshToken).catch(() => undefined)
    },

    getAccessToken: async () => signedIn().keeper.accessToken(),

    async getRtcConfig(): Promise<ClientRtcConfig> {
      const { keeper: current, serverUrl } = signedIn()
      const config = await current
        .withAccessToken((token) =>
          requestJson(
            doFetch,
            apiUrl(serverUrl, API_PATHS.rtcConfig),
            { method: 'GET', bearer: token },
            rtcConfigResponseSchema,
          ),
        )
        .catch((error: unknown) => {
          if (!(error instanceof HttpStatusError)) throw error
          // Refused even with a renewed token: the sign-in is no good on this server any more.
          if (error.status === 401) {
            throw phrasedBridgeError('NOT_SIGNED_IN', AUTH_PHRASES.refreshRefused)
          }
          throw phrasedBridgeError('SERVER_ERROR', AUTH_PHRASES.requestFailed(error.status))
        })
      if (!config) throw phrasedBridgeError('SERVER_ERROR', AUTH_PHRASES.unreadable)
      return toClientRtcConfig(config, { alwaysRelay: preferences.alwaysRelay })
    },

    async getPreferences() {
      return preferences
    },

    async setPreferences(patch: PreferencesPatch) {
      preferences = {
        alwaysRelay: patch.alwaysRelay ?? preferences.alwaysRelay,
        preferredDevices: { ...preferences.preferredDevices, ...patch.preferredDevices },
      }
      return preferences
    },

    onSessionChanged(listener): Unsubscribe {
      sessionListeners.add(listener)
      return () => sessionListeners.delete(listener)
    },

    onJoinRequest(): Unsubscribe {
      // A browser tab has no deep links: `?call=<id>` is read by the UI instead.
      return () => undefined
    },

    async pageReady() {
      // Nothing is held back for a browser tab.
    },
  }

  const notAvailable = (): Promise<never> =>
    Promise.reject(
      new BridgeError('NOT_AVAILABLE', 'In a browser the system picks what to share, not Parley.'),
    )

  const screenShare: Bridge['screenShare'] = {
    async getCapabilities() {
      return { picker: 'system', audio: false, permission: 'unknown', help: null }
    },
    listSources: notAvailable,
    selectSource: notAvailable,
    async clearSelection() {
      // Nothing was selected: the browser's own picker does the choosing.
    },
  }

  return { signaling, screenShare }
}
