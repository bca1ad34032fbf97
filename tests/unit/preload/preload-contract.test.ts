/**
 * The built preload (out/preload/index.cjs), loaded in a bare node:vm context whose only module is
 * a stand-in `electron`: it must expose exactly one global, `parley`, with exactly `signaling` and
 * `screenShare`, whose functions invoke their own channels and whose listeners return working
 * unsubscribes. Nothing else (no ipcRenderer, no send/sendSync) may cross.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createContext, runInContext } from 'node:vm'
import { beforeAll, describe, expect, it } from 'vitest'
import { BRIDGE_GLOBAL, type ScreenShareApi, type SignalingApi } from '../../../src/shared/bridge'
import { IpcChannel } from '../../../src/shared/ipc-channels'

const repoRoot = new URL('../../../', import.meta.url).pathname
const preloadPath = `${repoRoot}out/preload/index.cjs`

const SIGNALING_FUNCTIONS = [
  'getServerInfo',
  'getSession',
  'signIn',
  'signOut',
  'getAccessToken',
  'getRtcConfig',
  'getPreferences',
  'setPreferences',
  'onSessionChanged',
  'onJoinRequest',
  'pageReady',
] as const satisfies readonly (keyof SignalingApi)[]
const SCREEN_SHARE_FUNCTIONS = [
  'getCapabilities',
  'listSources',
  'selectSource',
  'clearSelection',
] as const satisfies readonly (keyof ScreenShareApi)[]
// Compile-time: the lists above name every function of the shared Bridge type.
const everySignaling: Exclude<
  keyof SignalingApi,
  (typeof SIGNALING_FUNCTIONS)[number]
> extends never
  ? true
  : false = true
const everyScreenShare: Exclude<
  keyof ScreenShareApi,
  (typeof SCREEN_SHARE_FUNCTIONS)[number]
> extends never
  ? true
  : false = true

/** Bridge function -> [channel, takes a request argument]. */
const INVOKES: Record<string, [string, boolean]> = {
  'signaling.getServerInfo': [IpcChannel.getServerInfo, true],
  'signaling.getSession': [IpcChannel.getSession, false],
  'signaling.signIn': [IpcChannel.signIn, true],
  'signaling.signOut': [IpcChannel.signOut, false],
  'signaling.getAccessToken': [IpcChannel.getAccessToken, false],
  'signaling.getRtcConfig': [IpcChannel.getRtcConfig, false],
  'signaling.getPreferences': [IpcChannel.getPreferences, false],
  'signaling.setPreferences': [IpcChannel.setPreferences, true],
  'signaling.pageReady': [IpcChannel.pageReady, false],
  'screenShare.getCapabilities': [IpcChannel.getScreenShareCapabilities, false],
  'screenShare.listSources': [IpcChannel.listSources, true],
  'screenShare.selectSource': [IpcChannel.selectSource, true],
  'screenShare.clearSelection': [IpcChannel.clearSelection, false],
}

type Handler = (...args: unknown[]) => void

function loadPreload() {
  const exposed: [string, unknown][] = []
  const invokes: unknown[][] = []
  const forbidden: string[] = []
  const listeners = new Map<string, Handler[]>()
  const ipcRenderer = {
    invoke: (...args: unknown[]) => {
      invokes.push(args)
      return Promise.resolve({ answeredFor: args[0] })
    },
    on: (channel: string, listener: Handler) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener])
      return ipcRenderer
    },
    once: () => void forbidden.push('once'),
    removeListener: (channel: string, listener: Handler) => {
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((l) => l !== listener),
      )
      return ipcRenderer
    },
    removeAllListeners: () => void forbidden.push('removeAllListeners'),
    send: () => void forbidden.push('send'),
    sendSync: () => void forbidden.push('sendSync'),
    sendToHost: () => void forbidden.push('sendToHost'),
    postMessage: () => void forbidden.push('postMessage'),
  }
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => void exposed.push([key, api]),
      exposeInIsolatedWorld: () => void forbidden.push('exposeInIsolatedWorld'),
    },
    ipcRenderer,
  }
  const required: string[] = []
  const requireStandIn = (name: string) => {
    required.push(name)
    if (name === 'electron') return electron
    // A sandboxed preload can require almost nothing: the bundle must be self-contained.
    throw new Error(`The sandboxed preload required "${name}"`)
  }
  const module = { exports: {} }
  const context = createContext({ console, queueMicrotask, setTimeout, clearTimeout })
  const wrapper = runInContext(
    `(function (exports, require, module, __filename, __dirname) {${readFileSync(preloadPath, 'utf8')}\n})`,
    context,
    { filename: preloadPath },
  ) as (...args: unknown[]) => void
  wrapper(module.exports, requireStandIn, module, preloadPath, `${repoRoot}out/preload`)
  const emit = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? [])
      listener({ sender: 'event-object' }, payload)
  }
  return { exposed, invokes, forbidden, listeners, required, emit, ipcRenderer }
}

type Api = Record<string, Record<string, (...args: unknown[]) => unknown>>

beforeAll(() => {
  // `npm test` builds first; on its own, this test builds when the preload is missing.
  if (!existsSync(preloadPath)) {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: repoRoot, stdio: 'inherit' })
  }
}, 180_000)

describe('preload contract (built out/preload/index.cjs)', () => {
  it('exposes exactly one global, parley, with exactly signaling and screenShare', () => {
    const { exposed, required, forbidden } = loadPreload()
    expect(everySignaling && everyScreenShare).toBe(true)
    expect(exposed.map(([key]) => key)).toEqual([BRIDGE_GLOBAL])
    const api = exposed[0]?.[1] as Api
    expect(Object.keys(api).sort()).toEqual(['screenShare', 'signaling'])
    expect(Object.keys(api.signaling ?? {}).sort()).toEqual([...SIGNALING_FUNCTIONS].sort())
    expect(Object.keys(api.screenShare ?? {}).sort()).toEqual([...SCREEN_SHARE_FUNCTIONS].sort())
    for (const namespace of Object.values(api)) {
      for (const value of Object.values(namespace)) expect(typeof value).toBe('function')
    }
    expect(required).toEqual(['electron'])
    expect(forbidden).toEqual([])
  })

  it('never hands over ipcRenderer or any object of it', () => {
    const { exposed, ipcRenderer } = loadPreload()
    const seen = new Set<unknown>()
    const walk = (value: unknown): void => {
      if (
        value === null ||
        (typeof value !== 'object' && typeof value !== 'function') ||
        seen.has(value)
      )
        return
      seen.add(value)
      expect(value).not.toBe(ipcRenderer)
      for (const key of Object.getOwnPropertyNames(value)) {
        if (typeof value === 'function' && ['caller', 'callee', 'arguments'].includes(key)) continue
        walk((value as Record<string, unknown>)[key])
      }
    }
    walk(exposed[0]?.[1])
    const api = exposed[0]?.[1] as Api
    expect(JSON.stringify(Object.keys(api.signaling ?? {}))).not.toMatch(/send|ipc|invoke/i)
  })

  it('each function invokes its own channel with only the request it was given', async () => {
    const { exposed, invokes, forbidden } = loadPreload()
    const api = exposed[0]?.[1] as Api
    for (const [path, [channel, takesRequest]] of Object.entries(INVOKES)) {
      const [namespace, name] = path.split('.') as [string, string]
      const request = { marker: path }
      invokes.length = 0
      const result = await api[namespace]?.[name]?.(...(takesRequest ? [request] : []))
      expect(invokes, path).toEqual([takesRequest ? [channel, request] : [channel]])
      expect(result, path).toEqual({ answeredFor: channel })
    }
    expect(forbidden).toEqual([])
  })

  it('listeners get the payload only, and their unsubscribe removes them', () => {
    const { exposed, emit, listeners } = loadPreload()
    const api = exposed[0]?.[1] as Api
    const sessions: unknown[][] = []
    const before = listeners.get(IpcChannel.sessionChanged)?.length ?? 0
    const unsubscribe = api.signaling?.onSessionChanged?.((...args: unknown[]) =>
      sessions.push(args),
    ) as () => void
    expect(typeof unsubscribe).toBe('function')
    expect(listeners.get(IpcChannel.sessionChanged)?.length).toBe(before + 1)
    emit(IpcChannel.sessionChanged, { user: { id: 'u1' } })
    expect(sessions).toEqual([[{ user: { id: 'u1' } }]])
    unsubscribe()
    expect(listeners.get(IpcChannel.sessionChanged)?.length).toBe(before)
    emit(IpcChannel.sessionChanged, null)
    expect(sessions).toHaveLength(1)

    const joins: unknown[] = []
    const stopJoins = api.signaling?.onJoinRequest?.((request: unknown) =>
      joins.push(request),
    ) as () => void
    emit(IpcChannel.joinRequest, { callId: 'abc' })
    expect(joins).toEqual([{ callId: 'abc' }])
    stopJoins()
    emit(IpcChannel.joinRequest, { callId: 'later' })
    expect(joins).toEqual([{ callId: 'abc' }])
  })

  it('listens to nothing until the page subscribes, and leaves nothing behind', () => {
    const { exposed, listeners } = loadPreload()
    const count = () => [...listeners.values()].reduce((sum, list) => sum + list.length, 0)
    expect(count()).toBe(0)
    const api = exposed[0]?.[1] as Api
    const stops = [
      api.signaling?.onSessionChanged?.(() => undefined),
      api.signaling?.onJoinRequest?.(() => undefined),
      api.signaling?.onJoinRequest?.(() => undefined),
    ] as (() => void)[]
    expect(count()).toBe(3)
    for (const stop of stops) stop()
    expect(count()).toBe(0)
  })
})
