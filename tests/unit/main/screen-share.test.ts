/**
 * The source broker (desktopCapturer through a narrow fake) and the display-media handler that
 * answers getDisplayMedia with the source the person picked.
 */
import { describe, expect, it } from 'vitest'
import { parseBridgeError } from '../../../src/shared/bridge'
import {
  createSourceBroker,
  MAC_SCREEN_PERMISSION_HELP,
  type CapturerSourceLike,
  type DesktopCapturerLike,
  type ScreenShareEnvironment,
} from '../../../src/main/screen-share/source-broker'
import {
  createDisplayMediaHandler,
  type DisplayMediaRequestLike,
  type DisplayMediaStreams,
} from '../../../src/main/screen-share/display-media-handler'
import { APP_ORIGIN, isPageOfOrigin } from '../../../src/main/app-paths'
import { recordingLog, saidIn } from './helpers'
import { englishText } from '../../../src/shared/i18n/phrase'

const image = (data: string | null) => ({
  isEmpty: () => data === null,
  toDataURL: () => `data:image/png;base64,${data ?? ''}`,
})

function fakeCapturer(sources: CapturerSourceLike[]) {
  const calls: Parameters<DesktopCapturerLike['getSources']>[0][] = []
  const capturer: DesktopCapturerLike = {
    async getSources(options) {
      calls.push(options)
      return sources.filter((s) => options.types.some((t) => s.id.startsWith(`${t}:`)))
    },
  }
  return { capturer, calls }
}

const SOURCES: CapturerSourceLike[] = [
  { id: 'screen:0:0', name: 'Entire screen', thumbnail: image('U0NSRUVO'), appIcon: null },
  { id: 'window:42:0', name: 'Notes', thumbnail: image('V0lORE9X'), appIcon: image('SUNPTg==') },
  { id: 'window:43:0', name: 'Minimised', thumbnail: image(null), appIcon: image(null) },
]

const linux: ScreenShareEnvironment = { platform: 'linux', sessionType: 'x11' }
const listRequest = {
  kinds: ['screen', 'window'] as ('screen' | 'window')[],
  thumbnailWidth: 320,
  thumbnailHeight: 180,
}

function setup(env: ScreenShareEnvironment = linux, platform: NodeJS.Platform = env.platform) {
  const { capturer, calls } = fakeCapturer(SOURCES)
  const broker = createSourceBroker({ desktopCapturer: capturer, systemPreferences: null, env })
  const log = recordingLog()
  const handler = createDisplayMediaHandler({
    broker,
    desktopCapturer: capturer,
    platform,
    isOwnPage: (url) => isPageOfOrigin(url, APP_ORIGIN),
    log,
  })
  const answer = (request: Partial<DisplayMediaRequestLike> = {}) =>
    new Promise<DisplayMediaStreams>((resolve) =>
      handler(
        {
          frame: { url: `${APP_ORIGIN}/index.html`, parent: null },
          securityOrigin: APP_ORIGIN,
          videoRequested: true,
          audioRequested: false,
          ...request,
        },
        resolve,
      ),
    )
  return { broker, calls, answer, log }
}

describe('source broker', () => {
  it('does not touch desktopCapturer until the picker asks', () => {
    const { calls } = setup()
    expect(calls).toEqual([])
  })

  it('lists screens and windows with thumbnails and app icons', async () => {
    const { broker, calls } = setup()
    const sources = await broker.listSources(listRequest)
    expect(calls).toEqual([
      {
        types: ['screen', 'window'],
        thumbnailSize: { width: 320, height: 180 },
        fetchWindowIcons: true,
      },
    ])
    expect(sources).toEqual([
      {
        id: 'screen:0:0',
        name: 'Entire screen',
        kind: 'screen',
        thumbnailDataUrl: 'data:image/png;base64,U0NSRUVO',
        appIconDataUrl: null,
      },
      {
        id: 'window:42:0',
        name: 'Notes',
        kind: 'window',
        thumbnailDataUrl: 'data:image/png;base64,V0lORE9X',
        appIconDataUrl: 'data:image/png;base64,SUNPTg==',
      },
      {
        id: 'window:43:0',
        name: 'Minimised',
        kind: 'window',
        thumbnailDataUrl: '',
        appIconDataUrl: null,
      },
    ])
  })

  it('lists again on every refresh of the open picker', async () => {
    const { broker, calls } = setup()
    await broker.listSources(listRequest)
    await broker.listSources({ ...listRequest, kinds: ['window'] })
    expect(calls.map((c) => c.types)).toEqual([['screen', 'window'], ['window']])
  })

  it('only lets a listed source be selected', async () => {
    const { broker } = setup()
    expect(() => broker.select({ sourceId: 'window:42:0', shareAudio: false })).toThrow(
      /INVALID_ARGUMENT/,
    )
    await broker.listSources(listRequest)
    broker.select({ sourceId: 'window:42:0', shareAudio: false })
    expect(broker.takeSelection()).toEqual({
      source: { id: 'window:42:0', name: 'Notes' },
      shareAudio: false,
    })
  })

  it('hands the system picker over on Wayland and lists nothing itself', async () => {
    const { broker, calls } = setup({ platform: 'linux', sessionType: 'wayland' })
    expect(broker.getCapabilities()).toEqual({
      picker: 'system',
      audio: false,
      permission: 'granted',
      help: null,
    })
    const raw = await broker.listSources(listRequest).catch((e: unknown) => e)
    expect(parseBridgeError(raw)).toMatchObject({ code: 'NOT_AVAILABLE' })
    expect(saidIn('de', raw)).toBe(
      'Unter Wayland wählt die Systemauswahl, was geteilt wird; starte die Freigabe, um sie zu öffnen.',
    )
    expect(calls).toEqual([])
  })

  it('offers system audio on Windows only', () => {
    expect(
      setup({ platform: 'win32', sessionType: undefined }).broker.getCapabilities().audio,
    ).toBe(true)
    expect(setup().broker.getCapabilities().audio).toBe(false)
  })

  it('on macOS, detects a missing screen-recording permission and says how to grant it', async () => {
    for (const [status, permission, help] of [
      ['denied', 'denied', MAC_SCREEN_PERMISSION_HELP],
      ['restricted', 'denied', MAC_SCREEN_PERMISSION_HELP],
      ['not-determined', 'unknown', null],
      ['granted', 'granted', null],
    ] as const) {
      const broker = createSourceBroker({
        desktopCapturer: fakeCapturer(SOURCES).capturer,
        systemPreferences: { getMediaAccessStatus: () => status },
        env: { platform: 'darwin', sessionType: undefined },
      })
      expect(broker.getCapabilities()).toEqual({ picker: 'parley', audio: false, permission, help })
      if (permission === 'denied') {
        const raw = await broker.listSources(listRequest).catch((e: unknown) => e)
        expect(parseBridgeError(raw)).toEqual({
          code: 'NOT_AVAILABLE',
          message: englishText(MAC_SCREEN_PERMISSION_HELP),
          phrase: MAC_SCREEN_PERMISSION_HELP,
        })
        expect(saidIn('de', raw)).toMatch(
          /^Parley braucht die Erlaubnis, deinen Bildschirm aufzunehmen\. Öffne Systemeinstellungen/,
        )
      }
    }
  })
})

describe('display-media handler', () => {
  it('answers getDisplayMedia with the source the person picked', async () => {
    const { broker, answer } = setup()
    await broker.listSources(listRequest)
    broker.select({ sourceId: 'window:42:0', shareAudio: false })
    expect(await answer()).toEqual({ video: { id: 'window:42:0', name: 'Notes' } })
  })

  it('uses a pick once: the next request needs a new one', async () => {
    const { broker, answer } = setup()
    await broker.listSources(listRequest)
    broker.select({ sourceId: 'screen:0:0', shareAudio: false })
    expect((await answer()).video?.id).toBe('screen:0:0')
    expect(await answer()).toEqual({})
  })

  it('refuses when nothing was picked, or the pick was cleared', async () => {
    const { broker, answer } = setup()
    expect(await answer()).toEqual({})
    await broker.listSources(listRequest)
    broker.select({ sourceId: 'screen:0:0', shareAudio: false })
    broker.clearSelection()
    expect(await answer()).toEqual({})
  })

  it('refuses frames that are not Parley’s own page, without spending the pick', async () => {
    const { broker, answer } = setup()
    await broker.listSources(listRequest)
    broker.select({ sourceId: 'screen:0:0', shareAudio: false })
    expect(await answer({ frame: { url: 'https://evil.example/', parent: null } })).toEqual({})
    expect(await answer({ frame: { url: `${APP_ORIGIN}/index.html`, parent: {} } })).toEqual({})
    expect(await answer({ frame: null })).toEqual({})
    expect((await answer()).video?.id).toBe('screen:0:0')
  })

  it('adds system audio (loopback) only on Windows, and only when asked', async () => {
    const cases: [NodeJS.Platform, boolean, boolean, boolean][] = [
      ['win32', true, true, true],
      ['win32', false, true, false],
      ['win32', true, false, false],
      ['linux', true, true, false],
      ['darwin', true, true, false],
    ]
    for (const [platform, shareAudio, audioRequested, expected] of cases) {
      const { broker, answer } = setup({ platform, sessionType: undefined }, platform)
      await broker.listSources(listRequest)
      broker.select({ sourceId: 'screen:0:0', shareAudio })
      const streams = await answer({ audioRequested })
      expect(streams.audio === 'loopback', `${platform} ${shareAudio} ${audioRequested}`).toBe(
        expected,
      )
    }
  })

  it('on Wayland, answers with what the system portal picked', async () => {
    const { answer, calls } = setup({ platform: 'linux', sessionType: 'wayland' })
    expect((await answer()).video?.id).toBe('screen:0:0')
    expect(calls).toHaveLength(1)
  })
})

describe('source broker under a slow or failing capturer', () => {
  it('shares one listing between overlapping refreshes and reports failures as NOT_AVAILABLE', async () => {
    let calls = 0
    let fail = false
    const broker = createSourceBroker({
      desktopCapturer: {
        getSources: async () => {
          calls += 1
          await new Promise((resolve) => setTimeout(resolve, 5))
          if (fail) throw new Error('pipewire went away')
          return SOURCES
        },
      },
      systemPreferences: null,
      env: linux,
    })
    const [a, b] = await Promise.all([
      broker.listSources(listRequest),
      broker.listSources(listRequest),
    ])
    expect(calls).toBe(1)
    expect(a).toBe(b)
    fail = true
    const errors = await Promise.all([
      broker.listSources(listRequest).catch((e: unknown) => e),
      broker.listSources(listRequest).catch((e: unknown) => e),
    ])
    expect(errors.map((e) => parseBridgeError(e).code)).toEqual(['NOT_AVAILABLE', 'NOT_AVAILABLE'])
    expect(saidIn('de', errors[0])).toBe(
      'Die Bildschirme und Fenster konnten nicht aufgelistet werden.',
    )
  })
})
