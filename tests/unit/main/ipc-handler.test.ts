/**
 * The one IPC wrapper: foreign senders (another origin, a subframe, another window, a gone frame)
 * and bad arguments are refused with typed bridge errors before a handler runs; handler failures
 * are turned into bridge errors without leaking internals.
 */
import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { parseBridgeError } from '../../../src/shared/bridge'
import { IpcChannel } from '../../../src/shared/ipc-channels'
import { BridgeError, phrasedBridgeError } from '../../../src/main/bridge-error'
import { APP_ORIGIN, isPageOfOrigin } from '../../../src/main/app-paths'
import {
  createIpcHandlerRegistry,
  type InvokeEventLike,
  type IpcMainLike,
} from '../../../src/main/ipc/ipc-handler'
import { recordingLog, saidIn } from './helpers'

type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown

function fakeIpcMain() {
  const handlers = new Map<string, Listener>()
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error('second handler')
      handlers.set(channel, listener)
    },
    removeHandler(channel) {
      handlers.delete(channel)
    },
  }
  /** What ipcRenderer.invoke would get: the handler's value, or its error. */
  const invoke = async (channel: string, event: InvokeEventLike, ...args: unknown[]) => {
    const handler = handlers.get(channel)
    if (!handler) throw new Error(`No handler registered for '${channel}'`)
    return handler(event, ...args)
  }
  return { ipcMain, handlers, invoke }
}

const WINDOW_ID = 7
const ownEvent = (url = `${APP_ORIGIN}/index.html`): InvokeEventLike => ({
  senderFrame: { url, parent: null },
  sender: { id: WINDOW_ID },
})

function setup() {
  const fake = fakeIpcMain()
  const log = recordingLog()
  const registry = createIpcHandlerRegistry(
    fake.ipcMain,
    {
      trustedWebContentsId: () => WINDOW_ID,
      isOwnPage: (url) => isPageOfOrigin(url, APP_ORIGIN),
    },
    log,
  )
  const calls: unknown[] = []
  registry.handle(IpcChannel.signIn, z.object({ username: z.string().min(1) }), (request) => {
    calls.push(request)
    return { ok: request.username }
  })
  registry.handleNoArgs(IpcChannel.getSession, () => {
    calls.push('getSession')
    return null
  })
  return { ...fake, registry, calls, log }
}

async function errorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(Error)
  return parseBridgeError(error)
}

describe('IPC handler wrapper', () => {
  it('answers Parley’s own page with parsed arguments', async () => {
    const { invoke, calls } = setup()
    await expect(
      invoke(IpcChannel.signIn, ownEvent(), { username: 'Ada', extra: 1 }),
    ).resolves.toEqual({ ok: 'Ada' })
    // The parsed value reaches the handler, not the raw one (unknown keys stripped).
    expect(calls).toEqual([{ username: 'Ada' }])
    await expect(invoke(IpcChannel.getSession, ownEvent('app://parley/'))).resolves.toBeNull()
  })

  it.each([
    [
      'another origin',
      { senderFrame: { url: 'https://evil.example/', parent: null }, sender: { id: WINDOW_ID } },
    ],
    [
      'a file:// page',
      { senderFrame: { url: 'file:///tmp/index.html', parent: null }, sender: { id: WINDOW_ID } },
    ],
    [
      'a look-alike host',
      {
        senderFrame: { url: 'app://parley.evil/index.html', parent: null },
        sender: { id: WINDOW_ID },
      },
    ],
    [
      'a subframe of our page',
      { senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: {} }, sender: { id: WINDOW_ID } },
    ],
    [
      'another window',
      { senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null }, sender: { id: 99 } },
    ],
    ['a frame that is gone', { senderFrame: null, sender: { id: WINDOW_ID } }],
  ] as [string, InvokeEventLike][])(
    'refuses %s with FORBIDDEN_SENDER before the handler runs',
    async (_name, event) => {
      const { invoke, calls, log } = setup()
      const error = await errorOf(
        Promise.resolve(invoke(IpcChannel.signIn, event, { username: 'Ada' })),
      )
      expect(error.code).toBe('FORBIDDEN_SENDER')
      expect(calls).toEqual([])
      expect(log.lines.some((line) => line.message === 'IPC call refused')).toBe(true)
    },
  )

  it('refuses everything while there is no window', async () => {
    const fake = fakeIpcMain()
    const registry = createIpcHandlerRegistry(
      fake.ipcMain,
      { trustedWebContentsId: () => null, isOwnPage: () => true },
      recordingLog(),
    )
    registry.handleNoArgs(IpcChannel.getSession, () => null)
    expect(
      (await errorOf(Promise.resolve(fake.invoke(IpcChannel.getSession, ownEvent())))).code,
    ).toBe('FORBIDDEN_SENDER')
  })

  it.each([
    ['a missing argument', []],
    ['two arguments', [{ username: 'a' }, { username: 'b' }]],
    ['a wrong type', [{ username: 42 }]],
    ['an empty name', [{ username: '' }]],
    ['a string instead of an object', ['Ada']],
    ['null', [null]],
  ] as [string, unknown[]][])('refuses %s with INVALID_ARGUMENT', async (_name, args) => {
    const { invoke, calls } = setup()
    const error = await errorOf(Promise.resolve(invoke(IpcChannel.signIn, ownEvent(), ...args)))
    expect(error.code).toBe('INVALID_ARGUMENT')
    expect(calls).toEqual([])
  })

  it('refuses arguments to a function that takes none', async () => {
    const { invoke, calls } = setup()
    const error = await errorOf(
      Promise.resolve(invoke(IpcChannel.getSession, ownEvent(), { sneaky: true })),
    )
    expect(error.code).toBe('INVALID_ARGUMENT')
    expect(calls).toEqual([])
  })

  it('passes a service’s bridge error through and hides other failures', async () => {
    const fake = fakeIpcMain()
    const log = recordingLog()
    const registry = createIpcHandlerRegistry(
      fake.ipcMain,
      {
        trustedWebContentsId: () => WINDOW_ID,
        isOwnPage: (url) => isPageOfOrigin(url, APP_ORIGIN),
      },
      log,
    )
    registry.handleNoArgs(IpcChannel.signOut, () => {
      throw new BridgeError('NOT_SIGNED_IN', 'You are not signed in.')
    })
    registry.handleNoArgs(IpcChannel.getAccessToken, () => {
      throw new Error('ECONNRESET at /home/someone/secret/path')
    })
    expect(await errorOf(Promise.resolve(fake.invoke(IpcChannel.signOut, ownEvent())))).toEqual({
      code: 'NOT_SIGNED_IN',
      message: 'You are not signed in.',
      phrase: null,
    })
    const hidden = await errorOf(
      Promise.resolve(fake.invoke(IpcChannel.getAccessToken, ownEvent())),
    )
    expect(hidden.code).toBe('INTERNAL')
    expect(hidden.message).not.toContain('/home/someone')
    expect(log.lines.some((line) => line.level === 'error')).toBe(true)
    // Told in the page's language: German for a German page, English in the log and for English.
    const raw = await Promise.resolve(fake.invoke(IpcChannel.getAccessToken, ownEvent())).catch(
      (e: unknown) => e,
    )
    expect(saidIn('de', raw)).toBe(
      'In Parley ist etwas schiefgegangen. Bitte versuche es noch einmal.',
    )
    expect(saidIn('en', raw)).toBe('Something went wrong in Parley. Please try again.')
    expect(hidden.message).toBe('Something went wrong in Parley. Please try again.')
  })

  it('errors survive Electron’s invoke prefix', () => {
    const wrapped = new Error(
      "Error invoking remote method 'parley:signaling:sign-in': Error: INVALID_ARGUMENT: username: Too small",
    )
    expect(parseBridgeError(wrapped)).toEqual({
      code: 'INVALID_ARGUMENT',
      message: 'username: Too small',
      phrase: null,
    })
    const phrased = new Error(
      `Error invoking remote method 'parley:screen-share:select-source': Error: ${
        phrasedBridgeError('INVALID_ARGUMENT', { key: 'bridgeErrors.sourceGone' }).message
      }`,
    )
    expect(parseBridgeError(phrased)).toEqual({
      code: 'INVALID_ARGUMENT',
      message: 'That screen or window is no longer available. Pick again.',
      phrase: { key: 'bridgeErrors.sourceGone' },
    })
  })

  it('a phrase that is not a catalog sentence is dropped, its English kept', () => {
    const forged = new Error(
      'INTERNAL: Plain words.\nphrase: {"key":"bridgeErrors","values":{"x":"y"}}',
    )
    expect(parseBridgeError(forged)).toEqual({
      code: 'INTERNAL',
      message: 'Plain words.',
      phrase: null,
    })
    const garbled = new Error('INTERNAL: Plain words.\nphrase: {not json')
    expect(parseBridgeError(garbled)).toEqual({
      code: 'INTERNAL',
      message: 'Plain words.',
      phrase: null,
    })
  })

  it('will not register a channel twice, and removes its handlers on dispose', () => {
    const { registry, handlers } = setup()
    expect(() => registry.handleNoArgs(IpcChannel.getSession, () => null)).toThrow(/twice/)
    registry.dispose()
    expect(handlers.size).toBe(0)
  })
})
