/** Errors for people, each with the scope that decides what clears it. */
import { describe, expect, it } from 'vitest'
import { createTranslator } from '../../../../src/shared/i18n/create-translator'
import { phrasedBridgeError } from '../../../../src/shared/bridge'
import {
  bridgeErrorView,
  deviceSwitchErrorView,
  mediaAccessOf,
  mediaErrorView,
  rtcErrorView,
  screenShareErrorView,
  serverUnreachable,
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

describe('call and server errors in the person’s language', () => {
  const german = createTranslator('de')
  const inGerman = (view: ReturnType<typeof rtcErrorView>) =>
    (view.phrases ?? []).map((phrase) => german.t(phrase.key, phrase.values ?? {})).join(' ')

  it('a full call says its size in English and in German', () => {
    const view = rtcErrorView({ code: 'CALL_FULL', message: 'full', details: { max: 2 } }, 4)
    expect(view.message).toBe(
      'This call is full (2 of 2 people). Try again later or use another call ID.',
    )
    expect(inGerman(view)).toBe(
      'Dieser Anruf ist voll (2 von 2 Personen). Versuche es später noch einmal oder nutze eine andere Anruf-ID.',
    )
  })

  it('an unreachable server and an ended session are phrased; a code without words keeps the server’s', () => {
    expect(inGerman(serverUnreachable)).toBe(
      'Der Server ist nicht erreichbar. Verbindung wird wiederhergestellt …',
    )
    expect(serverUnreachable.message).toBe("Can't reach the server. Reconnecting…")
    const ended = bridgeErrorView(new Error('NOT_SIGNED_IN: gone'))
    expect(ended.message).toBe('Your session has ended. Sign in again.')
    expect(inGerman(ended)).toBe('Deine Sitzung ist beendet. Melde dich erneut an.')
    const unknown = rtcErrorView({ code: 'PEER_NOT_FOUND', message: 'No such peer' }, null)
    expect(unknown).toMatchObject({ message: 'No such peer', scope: 'join' })
    expect(unknown.phrases).toBeUndefined()
  })

  it('a host’s phrased error is said in German; a server’s own words stay as they came', () => {
    const config = bridgeErrorView(
      phrasedBridgeError('SERVER_ERROR', {
        key: 'bridgeErrors.noCallConfig',
        values: { status: '502' },
      }),
    )
    expect(config).toMatchObject({ code: 'RTC_CONFIG_FAILED', scope: 'config' })
    expect(config.message).toBe('The server did not give a call configuration (HTTP 502).')
    expect(inGerman(config)).toBe('Der Server hat keine Anrufkonfiguration geliefert (HTTP 502).')
    const own = bridgeErrorView(new Error('SERVER_ERROR: Keine Konfiguration heute.'))
    expect(own).toMatchObject({ message: 'Keine Konfiguration heute.', code: 'RTC_CONFIG_FAILED' })
    expect(own.phrases).toBeUndefined()
  })

  it('screen sharing blocked by the system, or failing, is said in German', () => {
    const blocked = screenShareErrorView(domError('NotAllowedError', 'Permission denied by system'))
    expect(blocked && inGerman(blocked)).toMatch(/^Parley darf den Bildschirm nicht aufnehmen/)
    const failed = screenShareErrorView(domError('NotReadableError', 'Could not start'))
    expect(failed?.message).toBe('Screen sharing could not start: Could not start')
    expect(failed && inGerman(failed)).toBe(
      'Bildschirmfreigabe konnte nicht starten: Could not start',
    )
  })
})
