/**
 * Turns protocol errors, media errors and bridge errors into sentences for people. Codes stay for
 * programs (and tests); messages say what happened and what to do next.
 */
import { parseBridgeError } from '../../../shared/bridge'
import type { RtcError } from '../../../shared/protocol'
import type { CallErrorView } from './call-engine-api'

/** Engine-side codes, beside the protocol's own (CALL_FULL, UNAUTHORIZED...). */
export const EngineErrorCode = {
  serverUnreachable: 'SERVER_UNREACHABLE',
  notSignedIn: 'NOT_SIGNED_IN',
  cameraBlocked: 'CAMERA_BLOCKED',
  microphoneBlocked: 'MICROPHONE_BLOCKED',
  mediaBlocked: 'MEDIA_BLOCKED',
  cameraMissing: 'CAMERA_MISSING',
  microphoneMissing: 'MICROPHONE_MISSING',
  mediaMissing: 'MEDIA_MISSING',
  cameraBusy: 'CAMERA_BUSY',
  microphoneBusy: 'MICROPHONE_BUSY',
  screenShareFailed: 'SCREEN_SHARE_FAILED',
  rtcConfigFailed: 'RTC_CONFIG_FAILED',
} as const

export function rtcErrorView(error: RtcError, maxParticipants: number | null): CallErrorView {
  switch (error.code) {
    case 'CALL_FULL': {
      const max = fullCallSize(error.details) ?? maxParticipants
      const size = max !== null ? ` (${max} of ${max} people)` : ''
      return {
        code: error.code,
        message: `This call is full${size}. Try again later or use another call ID.`,
      }
    }
    case 'UNAUTHORIZED':
      return { code: error.code, message: 'Your sign-in has expired. Sign in again.' }
    case 'RATE_LIMITED':
      return {
        code: error.code,
        message: 'Too many requests in a short time. Wait a moment and try again.',
      }
    case 'INVALID_PAYLOAD':
      return {
        code: error.code,
        message: `The server refused a request: ${error.message}`,
      }
    case 'INTERNAL':
      return {
        code: error.code,
        message: 'The server ran into a problem. Try again in a moment.',
      }
    default:
      return { code: error.code, message: error.message }
  }
}

/** The reference server puts the call's capacity in `details`; other backends may not. */
function fullCallSize(details: unknown): number | null {
  if (typeof details !== 'object' || details === null) return null
  const record = details as Record<string, unknown>
  const max = record.maxParticipants ?? record.max ?? record.limit
  return typeof max === 'number' && Number.isInteger(max) && max > 0 ? max : null
}

export const serverUnreachable: CallErrorView = {
  code: EngineErrorCode.serverUnreachable,
  message: "Can't reach the server. Reconnecting…",
}

export function bridgeErrorView(error: unknown): CallErrorView {
  const { code, message } = parseBridgeError(error)
  if (code === 'NOT_SIGNED_IN') {
    return { code: EngineErrorCode.notSignedIn, message: 'Your session has ended. Sign in again.' }
  }
  if (code === 'SERVER_UNREACHABLE') return serverUnreachable
  return { code: EngineErrorCode.rtcConfigFailed, message }
}

type Device = 'camera' | 'microphone' | 'both'

/** getUserMedia failures, by DOMException name. */
export function mediaErrorView(error: unknown, device: Device): CallErrorView {
  const name = error instanceof DOMException || error instanceof Error ? error.name : ''
  const what = device === 'both' ? 'Camera and microphone' : capitalise(device)
  const access = device === 'both' ? 'camera and microphone' : device
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return {
        code:
          device === 'camera'
            ? EngineErrorCode.cameraBlocked
            : device === 'microphone'
              ? EngineErrorCode.microphoneBlocked
              : EngineErrorCode.mediaBlocked,
        message: `${what} blocked: allow ${access} access in your browser or system settings, then try again.`,
      }
    case 'NotFoundError':
    case 'OverconstrainedError':
      return {
        code:
          device === 'camera'
            ? EngineErrorCode.cameraMissing
            : device === 'microphone'
              ? EngineErrorCode.microphoneMissing
              : EngineErrorCode.mediaMissing,
        message: `No ${access} found: plug one in, then try again. Others can still ${
          device === 'camera' ? 'hear' : device === 'microphone' ? 'see' : 'see and hear'
        } the rest of the call.`,
      }
    case 'NotReadableError':
    case 'AbortError':
      return {
        code: EngineErrorCode.cameraBusy,
        message: `${what} could not be started: another app may be using it. Close it and try again.`,
      }
    default:
      return {
        code: EngineErrorCode.mediaBlocked,
        message: `${what} could not be started${error instanceof Error && error.message ? `: ${error.message}` : '.'}`,
      }
  }
}

/**
 * A switch to another camera or microphone failed. The old device is still in use, so the
 * message is about the chosen one only.
 */
export function deviceSwitchErrorView(
  error: unknown,
  device: 'camera' | 'microphone',
): CallErrorView {
  const name = error instanceof DOMException || error instanceof Error ? error.name : ''
  const camera = device === 'camera'
  switch (name) {
    case 'NotReadableError':
    case 'AbortError':
      return {
        code: camera ? EngineErrorCode.cameraBusy : EngineErrorCode.microphoneBusy,
        message: `That ${device} is in use by another app. Close that app, or pick another ${device}.`,
      }
    case 'NotFoundError':
    case 'OverconstrainedError':
      return {
        code: camera ? EngineErrorCode.cameraMissing : EngineErrorCode.microphoneMissing,
        message: `That ${device} is no longer connected. Pick another ${device}.`,
      }
    default: {
      const view = mediaErrorView(error, device)
      return { code: view.code, message: `${view.message} The previous ${device} is still in use.` }
    }
  }
}

export function screenShareErrorView(error: unknown): CallErrorView | null {
  const name = error instanceof Error ? error.name : ''
  // Cancelling the system picker is a choice, not an error.
  if (name === 'NotAllowedError' || name === 'AbortError') return null
  return {
    code: EngineErrorCode.screenShareFailed,
    message: `Screen sharing could not start${error instanceof Error && error.message ? `: ${error.message}` : '.'}`,
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
