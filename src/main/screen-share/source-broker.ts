/**
 * Screen and window sources for Parley's picker. desktopCapturer is asked only when the person
 * opens the picker (and again while it stays open, as the renderer refreshes it), never at
 * start-up: on Wayland listing sources opens the system dialog. On Wayland Parley's picker is not
 * shown at all and the system portal picks; on macOS a missing screen-recording permission is
 * detected and explained.
 */
import type {
  ListSourcesRequest,
  ScreenShareCapabilities,
  ScreenSource,
  ScreenSourceKind,
  SelectSourceRequest,
} from '../../shared/bridge'
import { phrasedBridgeError } from '../bridge-error'
import { phrase } from '../../shared/i18n/phrase'

/** The part of a NativeImage the broker uses. */
export interface ImageLike {
  isEmpty(): boolean
  toDataURL(): string
}

/** The part of a DesktopCapturerSource the broker uses. */
export interface CapturerSourceLike {
  id: string
  name: string
  thumbnail: ImageLike
  appIcon: ImageLike | null
}

export interface DesktopCapturerLike {
  getSources(options: {
    types: ScreenSourceKind[]
    thumbnailSize: { width: number; height: number }
    fetchWindowIcons: boolean
  }): Promise<CapturerSourceLike[]>
}

export interface SystemPreferencesLike {
  getMediaAccessStatus(
    mediaType: 'screen',
  ): 'not-determined' | 'granted' | 'denied' | 'restricted' | 'unknown'
}

export interface ScreenShareEnvironment {
  platform: NodeJS.Platform
  /** XDG_SESSION_TYPE on Linux ('wayland', 'x11'...). */
  sessionType: string | undefined
}

/** The source the next getDisplayMedia call is answered with. */
export interface SourceSelection {
  source: { id: string; name: string }
  shareAudio: boolean
}

export interface SourceBroker {
  getCapabilities(): ScreenShareCapabilities
  listSources(request: ListSourcesRequest): Promise<ScreenSource[]>
  select(request: SelectSourceRequest): void
  clearSelection(): void
  /** Hands the selection over exactly once: a second getDisplayMedia needs a new pick. */
  takeSelection(): SourceSelection | null
  usesSystemPicker(): boolean
}

export const MAC_SCREEN_PERMISSION_HELP = phrase('bridgeErrors.screenPermission')

export function isWayland(env: ScreenShareEnvironment): boolean {
  return env.platform === 'linux' && env.sessionType?.toLowerCase() === 'wayland'
}

function kindOf(id: string): ScreenSourceKind {
  return id.startsWith('screen:') ? 'screen' : 'window'
}

export function createSourceBroker(deps: {
  desktopCapturer: DesktopCapturerLike
  systemPreferences: SystemPreferencesLike | null
  env: ScreenShareEnvironment
}): SourceBroker {
  const wayland = isWayland(deps.env)
  /** The sources of the latest listing: only these can be selected. */
  let listed = new Map<string, { id: string; name: string }>()
  let selection: SourceSelection | null = null
  let inFlight: { key: string; promise: Promise<ScreenSource[]> } | null = null

  function permission(): Pick<ScreenShareCapabilities, 'permission' | 'help'> {
    if (deps.env.platform !== 'darwin' || !deps.systemPreferences) {
      return { permission: 'granted', help: null }
    }
    const status = deps.systemPreferences.getMediaAccessStatus('screen')
    if (status === 'granted') return { permission: 'granted', help: null }
    if (status === 'denied' || status === 'restricted') {
      return { permission: 'denied', help: MAC_SCREEN_PERMISSION_HELP }
    }
    // not-determined: macOS asks the first time a capture starts.
    return { permission: 'unknown', help: null }
  }

  async function list(request: ListSourcesRequest): Promise<ScreenSource[]> {
    const sources = await deps.desktopCapturer.getSources({
      types: [...new Set(request.kinds)],
      thumbnailSize: { width: request.thumbnailWidth, height: request.thumbnailHeight },
      fetchWindowIcons: true,
    })
    const next = new Map<string, { id: string; name: string }>()
    const result: ScreenSource[] = []
    for (const source of sources) {
      next.set(source.id, { id: source.id, name: source.name })
      result.push({
        id: source.id,
        name: source.name,
        kind: kindOf(source.id),
        thumbnailDataUrl: source.thumbnail.isEmpty() ? '' : source.thumbnail.toDataURL(),
        appIconDataUrl:
          source.appIcon && !source.appIcon.isEmpty() ? source.appIcon.toDataURL() : null,
      })
    }
    listed = next
    return result
  }

  return {
    getCapabilities() {
      return {
        picker: wayland ? 'system' : 'parley',
        audio: deps.env.platform === 'win32',
        ...permission(),
      }
    },
    async listSources(request) {
      if (wayland) {
        throw phrasedBridgeError('NOT_AVAILABLE', phrase('bridgeErrors.waylandPicker'))
      }
      if (permission().permission === 'denied') {
        throw phrasedBridgeError('NOT_AVAILABLE', MAC_SCREEN_PERMISSION_HELP)
      }
      // The picker refreshes on a timer; a slow listing is shared rather than stacked.
      const key = JSON.stringify(request)
      if (inFlight?.key === key) return inFlight.promise
      const promise = list(request).catch((error: unknown) => {
        throw phrasedBridgeError('NOT_AVAILABLE', phrase('bridgeErrors.sourcesNotListed'), {
          cause: error,
        })
      })
      inFlight = { key, promise }
      try {
        return await promise
      } finally {
        if (inFlight?.promise === promise) inFlight = null
      }
    },
    select(request) {
      const source = listed.get(request.sourceId)
      if (!source) {
        throw phrasedBridgeError('INVALID_ARGUMENT', phrase('bridgeErrors.sourceGone'))
      }
      selection = { source, shareAudio: request.shareAudio }
    },
    clearSelection() {
      selection = null
    },
    takeSelection() {
      const taken = selection
      selection = null
      return taken
    },
    usesSystemPicker: () => wayland,
  }
}
