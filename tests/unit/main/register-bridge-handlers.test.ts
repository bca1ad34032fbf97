/** Every Bridge function has exactly one handler, on its own channel, behind the wrapper. */
import { describe, expect, it } from 'vitest'
import { IpcChannel } from '../../../src/shared/ipc-channels'
import { parseBridgeError, type SessionInfo } from '../../../src/shared/bridge'
import { APP_ORIGIN, isPageOfOrigin } from '../../../src/main/app-paths'
import { createIpcHandlerRegistry, type InvokeEventLike } from '../../../src/main/ipc/ipc-handler'
import {
  createBridgeEventSender,
  registerBridgeHandlers,
  type BridgeServices,
} from '../../../src/main/ipc/register-bridge-handlers'
import {
  createSettingsStore,
  memorySettingsBackend,
} from '../../../src/main/settings/settings-store'
import { createSourceBroker } from '../../../src/main/screen-share/source-broker'
import { recordingLog } from './helpers'

const EVENT_CHANNELS: string[] = [IpcChannel.sessionChanged, IpcChannel.joinRequest]

function setup() {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>()
  const registry = createIpcHandlerRegistry(
    { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) },
    { trustedWebContentsId: () => 1, isOwnPage: (url) => isPageOfOrigin(url, APP_ORIGIN) },
    recordingLog(),
  )
  const session: SessionInfo = {
    serverUrl: 'http://127.0.0.1:1',
    user: { id: 'u1', displayName: 'Ada' },
    storage: 'keychain',
    embedded: false,
  }
  const services: Omit<BridgeServices, 'joinRequests'> = {
    session: {
      getServerInfo: async (request) => ({
        serverUrl: request.serverUrl ?? 'x',
        authMode: 'guest',
        embedded: false,
      }),
      getSession: () => session,
      signIn: async () => session,
      signOut: async () => undefined,
      getAccessToken: async () => 'access',
      restore: async () => null,
      defaultServerUrl: async () => ({ url: 'x', embedded: false }),
      onChange: () => () => undefined,
      dispose: () => undefined,
    },
    rtcConfig: {
      getRtcConfig: async () => ({
        iceServers: [],
        iceTransportPolicy: 'all',
        maxParticipants: 4,
        expiresAt: null,
      }),
      invalidate: () => undefined,
    },
    settings: createSettingsStore(memorySettingsBackend(), recordingLog()),
    sources: createSourceBroker({
      desktopCapturer: { getSources: async () => [] },
      systemPreferences: null,
      env: { platform: 'linux', sessionType: 'x11' },
    }),
  }
  const readySignals: string[] = []
  registerBridgeHandlers(registry, {
    ...services,
    joinRequests: { pageReady: () => void readySignals.push('ready') },
  })
  const own: InvokeEventLike = {
    senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null },
    sender: { id: 1 },
  }
  const call = async (channel: string, ...args: unknown[]) => handlers.get(channel)?.(own, ...args)
  return { handlers, call, readySignals }
}

describe('bridge handlers', () => {
  it('registers one handler for every invoke channel and none for event channels', () => {
    const { handlers } = setup()
    const invokeChannels = Object.values(IpcChannel).filter((c) => !EVENT_CHANNELS.includes(c))
    expect([...handlers.keys()].sort()).toEqual([...invokeChannels].sort())
  })

  it('answers through the services', async () => {
    const { call } = setup()
    expect(await call(IpcChannel.getAccessToken)).toBe('access')
    expect(await call(IpcChannel.getPreferences)).toEqual({
      alwaysRelay: false,
      preferredDevices: { audioInput: null, videoInput: null, audioOutput: null },
    })
    expect(await call(IpcChannel.setPreferences, { alwaysRelay: true })).toMatchObject({
      alwaysRelay: true,
    })
    expect(await call(IpcChannel.getScreenShareCapabilities)).toEqual({
      picker: 'parley',
      audio: false,
      permission: 'granted',
      help: null,
    })
  })

  it('passes the page’s ready signal to the join-request queue, refusing arguments', async () => {
    const { call, readySignals } = setup()
    await call(IpcChannel.pageReady)
    expect(readySignals).toEqual(['ready'])
    const error = await call(IpcChannel.pageReady, 'extra').then(
      () => null,
      (e: unknown) => parseBridgeError(e),
    )
    expect(error?.code).toBe('INVALID_ARGUMENT')
    expect(readySignals).toEqual(['ready'])
  })

  it('parses each request with its shared schema', async () => {
    const { call } = setup()
    const bad: [string, unknown][] = [
      [IpcChannel.signIn, { username: '' }],
      [IpcChannel.signIn, { serverUrl: 'file:///etc/passwd', username: 'x' }],
      [IpcChannel.getServerInfo, { serverUrl: 'javascript:alert(1)' }],
      [IpcChannel.setPreferences, { alwaysRelay: 'yes' }],
      [IpcChannel.listSources, { kinds: ['tab'], thumbnailWidth: 100, thumbnailHeight: 100 }],
      [IpcChannel.listSources, { kinds: ['screen'], thumbnailWidth: 99999, thumbnailHeight: 100 }],
      [IpcChannel.selectSource, { sourceId: '', shareAudio: false }],
    ]
    for (const [channel, arg] of bad) {
      const error = await call(channel, arg).then(
        () => null,
        (e: unknown) => parseBridgeError(e),
      )
      expect(error?.code, `${channel} ${JSON.stringify(arg)}`).toBe('INVALID_ARGUMENT')
    }
  })

  it('sends events only to a live window', () => {
    const sent: [string, unknown][] = []
    let destroyed = false
    const events = createBridgeEventSender(() => ({
      send: (channel, payload) => void sent.push([channel, payload]),
      isDestroyed: () => destroyed,
    }))
    events.joinRequest({ callId: 'abc' })
    destroyed = true
    events.sessionChanged(null)
    expect(sent).toEqual([[IpcChannel.joinRequest, { callId: 'abc' }]])
    createBridgeEventSender(() => null).sessionChanged(null)
  })
})
