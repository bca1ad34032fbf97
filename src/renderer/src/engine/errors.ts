/**
 * Turns protocol errors, media errors and bridge errors into sentences for people. Codes stay for
 * programs (and tests); messages say what happened and what to do next.
 */
import { parseBridgeError } from '../../../shared/bridge'
import type { RtcError } from '../../../shared/protocol'
import { createTranslator } from '../../../shared/i18n/create-translator'
import { DEFAULT_LANGUAGE } from '../../../shared/i18n/languages'
import type { CallErrorView, DeviceAccess, ErrorPhrase, ErrorScope } from './call-engine-api'

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
  mediaBusy: 'MEDIA_BUSY',
  screenShareFailed: 'SCREEN_SHARE_FAILED',
  screenShareBlocked: 'SCREEN_SHARE_BLOCKED',
  rtcConfigFailed: 'RTC_CONFIG_FAILED',
} as const

/** English for `message`; the UI says the phrases in the person's language. */
const english = createTranslator(DEFAULT_LANGUAGE)

/** An error told in catalog phrases: `message` in English, `phrases` for the UI. */
export function phrasedErrorView(
  code: string,
  scope: ErrorScope,
  phrases: ErrorPhrase[],
): CallErrorView {
  const message = phrases.map((phrase) => english.t(phrase.key, phrase.values ?? {})).join(' ')
  return { code, scope, message, phrases }
}

/** Protocol errors: refused credentials are the server's business, the rest are about joining. */
export function rtcErrorView(error: RtcError, maxParticipants: number | null): CallErrorView {
  const scope: ErrorScope = error.code === 'UNAUTHORIZED' ? 'server' : 'join'
  const phrase = rtcErrorPhrase(error, maxParticipants)
  // A code we have no words for: the server's own message, as it sent it.
  if (!phrase) return { code: error.code, scope, message: error.message }
  return phrasedErrorView(error.code, scope, [phrase])
}

function rtcErrorPhrase(error: RtcError, maxParticipants: number | null): ErrorPhrase | null {
  switch (error.code) {
    case 'CALL_FULL': {
      const max = fullCallSize(error.details) ?? maxParticipants
      return max !== null
        ? { key: 'callErrors.callFull', values: { max: String(max) } }
        : { key: 'callErrors.callFullNoSize' }
    }
    case 'UNAUTHORIZED':
      return { key: 'callErrors.unauthorized' }
    case 'RATE_LIMITED':
      return { key: 'callErrors.rateLimited' }
    case 'INVALID_PAYLOAD':
      return { key: 'callErrors.invalidPayload', values: { detail: error.message } }
    case 'INTERNAL':
      return { key: 'callErrors.internal' }
    default:
      return null
  }
}

/** The reference server puts the call's capacity in `details`; other backends may not. */
function fullCallSize(details: unknown): number | null {
  if (typeof details !== 'object' || details === null) return null
  const record = details as Record<string, unknown>
  const max = record.maxParticipants ?? record.max ?? record.limit
  return typeof max === 'number' && Number.isInteger(max) && max > 0 ? max : null
}

export const serverUnreachable: CallErrorView = phrasedErrorView(
  EngineErrorCode.serverUnreachable,
  'server',
  [{ key: 'callErrors.serverUnreachable' }],
)

export function bridgeErrorView(error: unknown): CallErrorView {
  const { code, message, phrase } = parseBridgeError(error)
  if (code === 'NOT_SIGNED_IN') {
    return phrasedErrorView(EngineErrorCode.notSignedIn, 'server', [
      { key: 'callErrors.sessionEnded' },
    ])
  }
  if (code === 'SERVER_UNREACHABLE') return serverUnreachable
  // The host's own words as a catalog phrase when it has them; a server's words as they came.
  if (phrase) return phrasedErrorView(EngineErrorCode.rtcConfigFailed, 'config', [phrase])
  return { code: EngineErrorCode.rtcConfigFailed, scope: 'config', message }
}

type Device = 'camera' | 'microphone' | 'both'

const codes = {
  blocked: {
    camera: EngineErrorCode.cameraBlocked,
    microphone: EngineErrorCode.microphoneBlocked,
    both: EngineErrorCode.mediaBlocked,
  },
  missing: {
    camera: EngineErrorCode.cameraMissing,
    microphone: EngineErrorCode.microphoneMissing,
    both: EngineErrorCode.mediaMissing,
  },
  busy: {
    camera: EngineErrorCode.cameraBusy,
    microphone: EngineErrorCode.microphoneBusy,
    both: EngineErrorCode.mediaBusy,
  },
} as const

/**
 * What a getUserMedia failure means for people: the browser or system blocks the device, there
 * is no such device, or it is there but could not start (another app holds it...).
 */
export function mediaAccessOf(error: unknown): Exclude<DeviceAccess, 'pending' | 'granted'> {
  const name = error instanceof DOMException || error instanceof Error ? error.name : ''
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'blocked'
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'absent'
    default:
      return 'unavailable'
  }
}

/** getUserMedia failures, by DOMException name. */
export function mediaErrorView(error: unknown, device: Device): CallErrorView {
  // Both devices failing is shown as the microphone's: without it nobody hears you.
  const scope: ErrorScope = device === 'camera' ? 'camera' : 'microphone'
  const name = error instanceof DOMException || error instanceof Error ? error.name : ''
  const access = mediaAccessOf(error)
  if (access === 'blocked') {
    return phrasedErrorView(codes.blocked[device], scope, [
      { key: `deviceErrors.blocked.${device}` },
    ])
  }
  if (access === 'absent') {
    return phrasedErrorView(codes.missing[device], scope, [
      { key: `deviceErrors.missing.${device}` },
    ])
  }
  if (name === 'NotReadableError' || name === 'AbortError') {
    return phrasedErrorView(codes.busy[device], scope, [{ key: `deviceErrors.busy.${device}` }])
  }
  const detail = error instanceof Error ? error.message : ''
  return phrasedErrorView(EngineErrorCode.mediaBlocked, scope, [
    detail
      ? { key: `deviceErrors.failedWith.${device}`, values: { detail } }
      : { key: `deviceErrors.failed.${device}` },
  ])
}

/**
 * In a call, a camera turned on (or a microphone asked for again) that the browser cannot find:
 * the press did nothing, and says why. In the lobby the device list says it calmly instead.
 */
export function missingInCallErrorView(device: 'camera' | 'microphone'): CallErrorView {
  return phrasedErrorView(codes.missing[device], device, [
    { key: `deviceErrors.missingInCall.${device}` },
  ])
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
  if (name === 'NotReadableError' || name === 'AbortError') {
    return phrasedErrorView(codes.busy[device], device, [
      { key: `deviceErrors.switchBusy.${device}` },
    ])
  }
  if (mediaAccessOf(error) === 'absent') {
    return phrasedErrorView(codes.missing[device], device, [
      { key: `deviceErrors.switchMissing.${device}` },
    ])
  }
  const view = mediaErrorView(error, device)
  return phrasedErrorView(view.code, device, [
    ...(view.phrases ?? []),
    { key: `deviceErrors.previousInUse.${device}` },
  ])
}

/**
 * getDisplayMedia failures. Cancelling the picker is a choice, not an error; the browser reports
 * it as NotAllowedError too, and only its message tells the two apart: Chromium says "Permission
 * denied by system" when the operating system refuses screen capture (macOS Screen Recording,
 * a Wayland portal that refused), and "Permission denied" (by user) for a cancel.
 */
export function screenShareErrorView(error: unknown): CallErrorView | null {
  const name = error instanceof Error ? error.name : ''
  const message = error instanceof Error ? error.message : ''
  if (name === 'NotAllowedError' && /system/i.test(message)) {
    return phrasedErrorView(EngineErrorCode.screenShareBlocked, 'screen', [
      { key: 'inCall.shareNotPermitted' },
    ])
  }
  if (name === 'NotAllowedError' || name === 'AbortError') return null
  return phrasedErrorView(EngineErrorCode.screenShareFailed, 'screen', [
    message
      ? { key: 'inCall.shareFailedWith', values: { reason: message } }
      : { key: 'inCall.shareFailed' },
  ])
}
