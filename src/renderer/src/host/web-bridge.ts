/**
 * The Bridge when the renderer is served by the reference server and runs in a browser. Everything
 * goes over HTTP to the page's own origin. Tokens and preferences live in memory only: a browser
 * tab has no keychain, and a reload signs the person in again.
 */
import {
  bridgeErrorMessage,
  signInRequestSchema,
  type Bridge,
  type BridgeErrorCode,
  type HostServerInfo,
  type Preferences,
  type PreferencesPatch,
  type SessionInfo,
  type SignInRequest,
  type Unsubscribe,
} from '../../../shared/bridge'
import {
  API_PATHS,
  authResponseSchema,
  httpErrorSchema,
  rtcConfigResponseSchema,
  serverInfoSchema,
  type AuthResponse,
} from '../../../shared/protocol'
import { toClientRtcConfig, type ClientRtcConfig } from '../../../shared/rtc-config'

/** Refresh this long before the access token expires, so a socket handshake never races expiry. */
const REFRESH_MARGIN_MS = 30_000

export interface WebBridgeDeps {
  /** Injected by unit tests; the page's own fetch otherwise. */
  fetch?: typeof fetch
  now?: () => number
}

interface Tokens {
  accessToken: string
  refreshToken: string
  /** Epoch ms. */
  expiresAt: number
}

function bridgeError(code: BridgeErrorCode, message: string): Error {
  return new Error(bridgeErrorMessage(code, message))
}

/** What the web host reads of the page's `Location` (a real one fits). */
export interface PageLocation {
  origin: string
  search: string
}

export function createWebBridge(location: PageLocation, deps: WebBridgeDeps = {}): Bridge {
  const doFetch = deps.fetch ?? ((input, init) => fetch(input, init))
  const now = deps.now ?? (() => Date.now())
  const origin = location.origin
  const relayParam = new URLSearchParams(location.search).get('relay')

  let session: SessionInfo | null = null
  let tokens: Tokens | null = null
  let refreshing: Promise<Tokens> | null = null
  let preferences: Preferences = {
    alwaysRelay: relayParam === '1' || relayParam === 'true',
    preferredDevices: { audioInput: null, videoInput: null, audioOutput: null },
  }
  const sessionListeners = new Set<(session: SessionInfo | null) => void>()

  function setSession(next: SessionInfo | null): void {
    session = next
    for (const listener of sessionListeners) listener(next)
  }

  async function request(serverUrl: string, path: string, init: RequestInit): Promise<Response> {
    try {
      return await doFetch(new URL(path, serverUrl).toString(), init)
    } catch {
      throw bridgeError('SERVER_UNREACHABLE', `Could not reach the server at ${serverUrl}.`)
    }
  }

  async function readJson(response: Response): Promise<unknown> {
    try {
      return await response.json()
    } catch {
      return null
    }
  }

  /** The server's own words for a failed request when it sent them, a generic sentence otherwise. */
  async function serverError(response: Response, fallback: string): Promise<Error> {
    const parsed = httpErrorSchema.safeParse(await readJson(response))
    return bridgeError('SERVER_ERROR', parsed.success ? parsed.data.message : fallback)
  }

  function postJson(serverUrl: string, path: string, body: unknown): Promise<Response> {
    return request(serverUrl, path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  }

  async function parseAuth(response: Response): Promise<AuthResponse> {
    const parsed = authResponseSchema.safeParse(await readJson(response))
    if (!parsed.success) {
      throw bridgeError('SERVER_ERROR', 'The server sent a sign-in answer this app cannot read.')
    }
    return parsed.data
  }

  function storeTokens(auth: AuthResponse): Tokens {
    tokens = {
      accessToken: auth.accessToken,
      refreshToken: auth.refreshToken,
      expiresAt: now() + auth.expiresIn * 1000,
    }
    return tokens
  }

  async function refreshTokens(current: Tokens, serverUrl: string): Promise<Tokens> {
    const response = await postJson(serverUrl, API_PATHS.refresh, {
      refreshToken: current.refreshToken,
    })
    if (response.status === 401 || response.status === 403) {
      // The refresh token was revoked or expired: the session is over.
      tokens = null
      setSession(null)
      throw bridgeError('NOT_SIGNED_IN', 'Your session has ended. Sign in again.')
    }
    if (!response.ok) throw await serverError(response, 'The server could not renew the session.')
    const auth = await parseAuth(response)
    // A sign-out while the refresh was in flight wins.
    if (tokens !== current) throw bridgeError('NOT_SIGNED_IN', 'You are signed out.')
    return storeTokens(auth)
  }

  /** One refresh at a time: refresh tokens rotate, so two parallel refreshes would race. */
  function refreshOnce(): Promise<Tokens> {
    const current = tokens
    const serverUrl = session?.serverUrl
    if (!current || !serverUrl) {
      return Promise.reject(bridgeError('NOT_SIGNED_IN', 'Sign in first.'))
    }
    refreshing ??= refreshTokens(current, serverUrl).finally(() => {
      refreshing = null
    })
    return refreshing
  }

  async function accessToken(): Promise<string> {
    if (!tokens || !session) throw bridgeError('NOT_SIGNED_IN', 'Sign in first.')
    if (tokens.expiresAt - now() > REFRESH_MARGIN_MS) return tokens.accessToken
    return (await refreshOnce()).accessToken
  }

  async function fetchRtcConfig(token: string, serverUrl: string): Promise<Response> {
    return request(serverUrl, API_PATHS.rtcConfig, {
      headers: { Authorization: `Bearer ${token}` },
    })
  }

  const signaling: Bridge['signaling'] = {
    async getServerInfo(req): Promise<HostServerInfo> {
      const serverUrl = req.serverUrl ?? origin
      const response = await request(serverUrl, API_PATHS.serverInfo, {})
      // A backend without this endpoint is treated as wanting a password.
      if (response.status === 404) return { serverUrl, authMode: 'users', embedded: false }
      if (!response.ok) throw await serverError(response, `The server at ${serverUrl} failed.`)
      const parsed = serverInfoSchema.safeParse(await readJson(response))
      if (!parsed.success) return { serverUrl, authMode: 'users', embedded: false }
      return { serverUrl, authMode: parsed.data.authMode, embedded: false }
    },

    async getSession() {
      return session
    },

    async signIn(raw: SignInRequest): Promise<SessionInfo> {
      const parsedRequest = signInRequestSchema.safeParse(raw)
      if (!parsedRequest.success) {
        const issue = parsedRequest.error.issues[0]
        throw bridgeError('INVALID_ARGUMENT', issue?.message ?? 'Check the sign-in details.')
      }
      const { username, password } = parsedRequest.data
      const serverUrl = parsedRequest.data.serverUrl ?? origin
      const response = await postJson(serverUrl, API_PATHS.login, {
        username,
        ...(password !== undefined && password !== '' ? { password } : {}),
      })
      if (response.status === 401 || response.status === 403) {
        throw bridgeError('SIGN_IN_FAILED', 'Wrong name or password.')
      }
      if (response.status === 400) {
        const parsed = httpErrorSchema.safeParse(await readJson(response))
        throw bridgeError(
          'SIGN_IN_FAILED',
          parsed.success ? parsed.data.message : 'The server did not accept that name.',
        )
      }
      if (!response.ok) throw await serverError(response, 'The server could not sign you in.')
      const auth = await parseAuth(response)
      storeTokens(auth)
      const next: SessionInfo = { serverUrl, user: auth.user, storage: 'memory', embedded: false }
      setSession(next)
      return next
    },

    async signOut() {
      const current = tokens
      const serverUrl = session?.serverUrl
      tokens = null
      setSession(null)
      if (!current || !serverUrl) return
      try {
        await postJson(serverUrl, API_PATHS.logout, { refreshToken: current.refreshToken })
      } catch {
        // Signed out locally either way; the refresh token expires on its own.
      }
    },

    getAccessToken: accessToken,

    async getRtcConfig(): Promise<ClientRtcConfig> {
      const serverUrl = session?.serverUrl
      if (!serverUrl) throw bridgeError('NOT_SIGNED_IN', 'Sign in first.')
      let response = await fetchRtcConfig(await accessToken(), serverUrl)
      if (response.status === 401) {
        // The server may have restarted with new keys or revoked the token: renew once.
        response = await fetchRtcConfig((await refreshOnce()).accessToken, serverUrl)
      }
      if (response.status === 401) {
        throw bridgeError('NOT_SIGNED_IN', 'Your session has ended. Sign in again.')
      }
      if (!response.ok) throw await serverError(response, 'The server could not send its settings.')
      const parsed = rtcConfigResponseSchema.safeParse(await readJson(response))
      if (!parsed.success) {
        throw bridgeError('SERVER_ERROR', 'The server sent call settings this app cannot read.')
      }
      return toClientRtcConfig(parsed.data, { alwaysRelay: preferences.alwaysRelay })
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
      bridgeError('NOT_AVAILABLE', 'In a browser the system picks what to share, not Parley.'),
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
