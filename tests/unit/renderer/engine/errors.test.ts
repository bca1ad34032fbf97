/** Errors for people, each with the scope that decides what clears it. */
import { describe, expect, it } from 'vitest'
import { createTranslator } from '../../../../src/shared/i18n/create-translator'
import {
  deviceSwitchErrorView,
  mediaAccessOf,
  mediaErrorView,
  rtcErrorView,
  screenShareErrorView,
} from '../../../../src/renderer/src/engine/errors'

function domError(name: string, message = ''): Error {
  const error = new Error(message)
  error.name = name
  return error
}

describe('error views', () => {
  it('a busy microphone is reported as the microphone, not the camera', () => {
    expect(mediaErrorView(domError('NotReadableError'), 'microphone')).toMatchObject({
      code: 'MICROPHONE_BUSY',
      scope: 'microphone',
    })
    expect(mediaErrorView(domError('NotReadableError'), 'camera')).toMatchObject({
      code: 'CAMERA_BUSY',
      scope: 'camera',
    })
    expect(mediaErrorView(domError('NotReadableError'), 'both').code).toBe('MEDIA_BUSY')
    expect(deviceSwitchErrorView(domError('NotReadableError'), 'microphone')).toMatchObject({
      code: 'MICROPHONE_BUSY',
      scope: 'microphone',
    })
  })

  it('the system refusing screen capture is reported; cancelling the picker is not', () => {
    expect(
      screenShareErrorView(domError('NotAllowedError', 'Permission denied by system')),
    ).toMatchObject({ code: 'SCREEN_SHARE_BLOCKED', scope: 'screen' })
    expect(screenShareErrorView(domError('NotAllowedError', 'Permission denied'))).toBeNull()
    expect(screenShareErrorView(domError('NotReadableError', 'Could not start'))).toMatchObject({
      code: 'SCREEN_SHARE_FAILED',
      scope: 'screen',
    })
  })

  it('protocol errors belong to joining, refused credentials to the server', () => {
    expect(rtcErrorView({ code: 'CALL_FULL', message: 'full' }, 4).scope).toBe('join')
    expect(rtcErrorView({ code: 'UNAUTHORIZED', message: 'no' }, null).scope).toBe('server')
  })
})

describe('device access from a getUserMedia failure', () => {
  it('tells blocked from absent from a device that would not start', () => {
    expect(mediaAccessOf(domError('NotAllowedError'))).toBe('blocked')
    expect(mediaAccessOf(domError('SecurityError'))).toBe('blocked')
    expect(mediaAccessOf(domError('NotFoundError'))).toBe('absent')
    expect(mediaAccessOf(domError('OverconstrainedError'))).toBe('absent')
    expect(mediaAccessOf(domError('NotReadableError'))).toBe('unavailable')
    expect(mediaAccessOf('not an error')).toBe('unavailable')
  })

  it('no camera and no microphone reads as neutral, without the old "rest of the call" copy', () => {
    const view = mediaErrorView(domError('NotFoundError'), 'both')
    expect(view.code).toBe('MEDIA_MISSING')
    expect(view.message).toBe(
      'No camera or microphone found. You can still join: you will see and hear the others.',
    )
  })
})

describe('device errors in the person’s language', () => {
  it('carries catalog phrases that the English message is made of, and German has them too', () => {
    const view = deviceSwitchErrorView(domError('NotAllowedError'), 'camera')
    expect(view.message).toBe(
      'Camera blocked: allow camera access in your browser or system settings, then try again. The previous camera is still in use.',
    )
    const german = createTranslator('de')
    const said = (view.phrases ?? []).map((phrase) => german.t(phrase.key, phrase.values ?? {}))
    expect(said).toEqual([
      'Kamera blockiert: Erlaube den Kamerazugriff in den Browser- oder Systemeinstellungen und versuche es erneut.',
      'Die bisherige Kamera wird weiter verwendet.',
    ])
  })

  it('keeps the browser’s own words for a failure it has no name for', () => {
    const view = mediaErrorView(new TypeError('constraint is odd'), 'microphone')
    expect(view.message).toBe('Microphone could not be started: constraint is odd')
    expect(view.scope).toBe('microphone')
  })
})
