/**
 * Answers the renderer's getDisplayMedia (session.setDisplayMediaRequestHandler) with the source
 * the person picked in Parley's picker: only for Parley's own page, only once per pick, and with
 * system audio only on Windows when it was asked for. On Wayland the system portal picks: asking
 * desktopCapturer there opens it, and the one source it returns is what the person chose.
 */
import type { DesktopCapturerLike, SourceBroker } from './source-broker'

export interface DisplayMediaRequestLike {
  /** null when the frame navigated or was destroyed. */
  frame: { url: string; parent: unknown } | null
  securityOrigin: string
  videoRequested: boolean
  audioRequested: boolean
}

export interface DisplayMediaStreams {
  video?: { id: string; name: string }
  audio?: 'loopback'
}

export type DisplayMediaCallback = (streams: DisplayMediaStreams) => void

export interface DisplayMediaLogger {
  warn(message: string, details?: Record<string, unknown>): void
}

export function createDisplayMediaHandler(deps: {
  broker: SourceBroker
  desktopCapturer: DesktopCapturerLike
  platform: NodeJS.Platform
  isOwnPage: (url: string) => boolean
  log: DisplayMediaLogger
}): (request: DisplayMediaRequestLike, callback: DisplayMediaCallback) => void {
  // An empty answer denies the request; getDisplayMedia then rejects in the renderer.
  const deny = (callback: DisplayMediaCallback, reason: string): void => {
    deps.log.warn('Display media request refused', { reason })
    callback({})
  }

  return (request, callback) => {
    const frame = request.frame
    if (
      !frame ||
      (frame.parent !== null && frame.parent !== undefined) ||
      !deps.isOwnPage(frame.url)
    ) {
      deny(callback, 'not requested by Parley’s own page')
      return
    }
    if (!request.videoRequested) {
      deny(callback, 'no video was requested')
      return
    }
    if (deps.broker.usesSystemPicker()) {
      deps.desktopCapturer
        .getSources({
          types: ['screen', 'window'],
          thumbnailSize: { width: 0, height: 0 },
          fetchWindowIcons: false,
        })
        .then(
          (sources) => {
            const picked = sources[0]
            if (!picked) deny(callback, 'the system picker was cancelled')
            else callback({ video: { id: picked.id, name: picked.name } })
          },
          (error: unknown) => deny(callback, `the system picker failed: ${String(error)}`),
        )
      return
    }
    const selection = deps.broker.takeSelection()
    if (!selection) {
      deny(callback, 'nothing was picked in Parley’s picker')
      return
    }
    const withAudio = selection.shareAudio && request.audioRequested && deps.platform === 'win32'
    callback({ video: selection.source, ...(withAudio ? { audio: 'loopback' } : {}) })
  }
}
