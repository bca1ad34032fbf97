/**
 * The Bridge: the only door between the renderer and its host. In the desktop app the preload
 * exposes it as `window.parley`; in a browser the web host implements it over HTTP. The renderer
 * sees nothing else of its host.
 */
import { z } from 'zod'
import type { ClientRtcConfig } from './rtc-config'
import { authUserSchema, type AuthMode } from './protocol/http-schemas'
import { MAX_DISPLAY_NAME_LENGTH } from './protocol/limits'
import { completeServerAddress } from './auth/server-address'
import { englishText, phraseSchema, type Phrase } from './i18n/phrase'

export type Unsubscribe = () => void

/** Where the host keeps the refresh token, so the UI can say so when it is only in memory. */
export const SESSION_STORAGES = ['keychain', 'safe-storage', 'memory'] as const
export type SessionStorageKind = (typeof SESSION_STORAGES)[number]

/**
 * A server address as people type it: `calls.example.org` is completed to https:// (a loopback
 * host to http://), and the result is an http(s) URL in Parley's one stored form.
 */
export const serverUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .transform((value, context) => {
    const address = completeServerAddress(value)
    if (address.ok) return address.url
    context.addIssue({ code: 'custom', message: address.reason })
    return z.NEVER
  })

export const sessionInfoSchema = z.object({
  serverUrl: z.string(),
  user: authUserSchema,
  storage: z.enum(SESSION_STORAGES),
  /** True when signed in to the reference server the desktop app runs in-process. */
  embedded: z.boolean(),
})
export type SessionInfo = z.infer<typeof sessionInfoSchema>

export const signInRequestSchema = z.object({
  /** Omitted: the host's default server (the embedded one in the desktop app, the page's origin on the web). */
  serverUrl: serverUrlSchema.optional(),
  username: z.string().trim().min(1, 'A display name is required').max(MAX_DISPLAY_NAME_LENGTH),
  password: z.string().max(1024).optional(),
})
export type SignInRequest = z.infer<typeof signInRequestSchema>

export const serverInfoRequestSchema = z.object({ serverUrl: serverUrlSchema.optional() })
export type ServerInfoRequest = z.infer<typeof serverInfoRequestSchema>

export interface HostServerInfo {
  serverUrl: string
  authMode: AuthMode
  /** True when this is the server the desktop app runs in-process. */
  embedded: boolean
}

const deviceIdSchema = z.string().max(512).nullable()
export const preferencesSchema = z.object({
  alwaysRelay: z.boolean(),
  preferredDevices: z.object({
    audioInput: deviceIdSchema,
    videoInput: deviceIdSchema,
    audioOutput: deviceIdSchema,
  }),
})
export type Preferences = z.infer<typeof preferencesSchema>
export const preferencesPatchSchema = z.object({
  alwaysRelay: z.boolean().optional(),
  preferredDevices: preferencesSchema.shape.preferredDevices.partial().optional(),
})
export type PreferencesPatch = z.infer<typeof preferencesPatchSchema>

export const joinRequestSchema = z.object({
  callId: z.string(),
  serverUrl: z.string().optional(),
})
export type JoinRequest = z.infer<typeof joinRequestSchema>

export const SCREEN_SOURCE_KINDS = ['screen', 'window'] as const
export type ScreenSourceKind = (typeof SCREEN_SOURCE_KINDS)[number]

export const listSourcesRequestSchema = z.object({
  kinds: z.array(z.enum(SCREEN_SOURCE_KINDS)).min(1).max(2),
  thumbnailWidth: z.number().int().min(16).max(1920),
  thumbnailHeight: z.number().int().min(16).max(1080),
})
export type ListSourcesRequest = z.infer<typeof listSourcesRequestSchema>

export const screenSourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(SCREEN_SOURCE_KINDS),
  /** PNG data URL of a live thumbnail. */
  thumbnailDataUrl: z.string(),
  /** PNG data URL of the owning app's icon (windows only), or null. */
  appIconDataUrl: z.string().nullable(),
})
export type ScreenSource = z.infer<typeof screenSourceSchema>

export const selectSourceRequestSchema = z.object({
  sourceId: z.string().min(1).max(256),
  shareAudio: z.boolean(),
})
export type SelectSourceRequest = z.infer<typeof selectSourceRequestSchema>

export interface ScreenShareCapabilities {
  /** 'parley': show Parley's own picker first; 'system': call getDisplayMedia and let the OS pick. */
  picker: 'parley' | 'system'
  /** Whether system audio can be shared with a screen (Windows). */
  audio: boolean
  /** 'denied' on macOS without the screen-recording permission; `help` then says how to grant it. */
  permission: 'granted' | 'denied' | 'unknown'
  /** How to grant it, as a catalog phrase the page says in the person's language. */
  help: Phrase | null
}

export interface SignalingApi {
  getServerInfo(request: ServerInfoRequest): Promise<HostServerInfo>
  getSession(): Promise<SessionInfo | null>
  signIn(request: SignInRequest): Promise<SessionInfo>
  signOut(): Promise<void>
  /** A fresh, short-lived access token for the Socket.IO handshake; asked for on every (re)connect. */
  getAccessToken(): Promise<string>
  getRtcConfig(): Promise<ClientRtcConfig>
  getPreferences(): Promise<Preferences>
  setPreferences(patch: PreferencesPatch): Promise<Preferences>
  onSessionChanged(listener: (session: SessionInfo | null) => void): Unsubscribe
  /**
   * Deep links (`parley://join/<callId>`) ask the UI to join a call. The UI asks the person first;
   * a request never joins on its own.
   */
  onJoinRequest(listener: (request: JoinRequest) => void): Unsubscribe
  /**
   * The page listens for session changes and join requests now: the host sends what it held back
   * while the page was loading. Called once per page load, after subscribing.
   */
  pageReady(): Promise<void>
}

export interface ScreenShareApi {
  getCapabilities(): Promise<ScreenShareCapabilities>
  listSources(request: ListSourcesRequest): Promise<ScreenSource[]>
  /** The next getDisplayMedia call is answered with this source. */
  selectSource(request: SelectSourceRequest): Promise<void>
  clearSelection(): Promise<void>
}

export interface Bridge {
  signaling: SignalingApi
  screenShare: ScreenShareApi
}

// Declared beside the channel names so the preload can take it without bundling zod.
export { BRIDGE_GLOBAL } from './ipc-channels'

/**
 * Errors cross the bridge as `Error` objects whose message is `CODE: English text`, then, for an
 * error Parley has words for, a last line with its catalog phrase (contextBridge keeps only an
 * error's message). The page says the phrase in the person's language; the English is for logs and
 * for words only a server had. These helpers build and read that form.
 */
export const BRIDGE_ERROR_CODES = [
  'INVALID_ARGUMENT',
  'FORBIDDEN_SENDER',
  'NOT_SIGNED_IN',
  'SIGN_IN_FAILED',
  'SERVER_UNREACHABLE',
  /** The address answers, but not as a calling server (no server-info, no sign-in route). */
  'NOT_A_PARLEY_SERVER',
  'SERVER_ERROR',
  'NOT_AVAILABLE',
  'INTERNAL',
] as const
export type BridgeErrorCode = (typeof BRIDGE_ERROR_CODES)[number]

/** Starts the message's last line when it carries a phrase (JSON after it). */
const PHRASE_LINE = '\nphrase: '

export function bridgeErrorMessage(
  code: BridgeErrorCode,
  message: string,
  phrase?: Phrase,
): string {
  return `${code}: ${message}${phrase ? `${PHRASE_LINE}${JSON.stringify(phrase)}` : ''}`
}

/**
 * An error whose message already has the `CODE: text` form, thrown by the hosts' services (and
 * the shared auth client) so it crosses the bridge intact.
 */
export class BridgeError extends Error {
  readonly code: BridgeErrorCode
  /** The message in English, without the code prefix: for logs, and the page's last resort. */
  readonly detail: string
  /** The same sentence as a catalog phrase, when Parley has words for it (not a server's own). */
  readonly phrase: Phrase | null

  constructor(
    code: BridgeErrorCode,
    detail: string,
    options?: { cause?: unknown; phrase?: Phrase },
  ) {
    super(
      bridgeErrorMessage(code, detail, options?.phrase),
      options?.cause === undefined ? undefined : { cause: options.cause },
    )
    this.name = 'BridgeError'
    this.code = code
    this.detail = detail
    this.phrase = options?.phrase ?? null
  }
}

/** A BridgeError told by a catalog phrase; its English text is the detail. */
export function phrasedBridgeError(
  code: BridgeErrorCode,
  phrase: Phrase,
  options?: { cause?: unknown },
): BridgeError {
  return new BridgeError(code, englishText(phrase), { ...options, phrase })
}

export function isBridgeError(error: unknown): error is BridgeError {
  return error instanceof BridgeError
}

export interface ParsedBridgeError {
  code: BridgeErrorCode
  /** English (or a server's own words). */
  message: string
  /** The catalog phrase to say instead, when the error carried a valid one. */
  phrase: Phrase | null
}

export function parseBridgeError(error: unknown): ParsedBridgeError {
  const raw = error instanceof Error ? error.message : String(error)
  const { text, phrase } = splitPhrase(raw)
  // Electron prefixes rejected invoke() messages with "Error invoking remote method '…': Error: ".
  const match = /([A-Z_]+): ([\s\S]*)$/.exec(text)
  const code = match?.[1] as BridgeErrorCode | undefined
  if (match && code && (BRIDGE_ERROR_CODES as readonly string[]).includes(code)) {
    return { code, message: match[2] ?? '', phrase }
  }
  return { code: 'INTERNAL', message: text, phrase }
}

/** The message without its phrase line, and the phrase if it is one the catalog has. */
function splitPhrase(raw: string): { text: string; phrase: Phrase | null } {
  const at = raw.lastIndexOf(PHRASE_LINE)
  if (at < 0) return { text: raw, phrase: null }
  const text = raw.slice(0, at)
  try {
    const parsed = phraseSchema.safeParse(JSON.parse(raw.slice(at + PHRASE_LINE.length)))
    return { text, phrase: parsed.success ? parsed.data : null }
  } catch {
    return { text, phrase: null }
  }
}
