/** Quitting waits once for the clean-up, then quits for real, even when the clean-up fails. */
import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { setupQuit, type QuitApp } from '../../../src/main/setup/quit'
import { recordingLog } from './helpers'

function fakeApp() {
  const emitter = new EventEmitter()
  let quits = 0
  const app: QuitApp & { quits(): number; emit: EventEmitter['emit'] } = {
    on: (event: string, listener: (event: { preventDefault(): void }) => void) =>
      emitter.on(event, listener),
    emit: (event, ...args) => emitter.emit(event, ...args),
    quit() {
      quits += 1
      emitter.emit('before-quit', { preventDefault: () => undefined })
    },
    quits: () => quits,
  }
  return app
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('quit step', () => {
  it('cleans up once, stops the embedded server, then quits', async () => {
    const app = fakeApp()
    const steps: string[] = []
    let finishStop: () => void = () => undefined
    setupQuit(app, {
      platform: 'linux',
      hasWindow: () => true,
      openWindow: () => steps.push('open'),
      dispose: () => steps.push('dispose'),
      stop: () =>
        new Promise<void>((resolve) => {
          steps.push('stop')
          finishStop = resolve
        }),
      log: recordingLog(),
    })
    app.quit()
    expect(steps).toEqual(['dispose', 'stop'])
    expect(app.quits()).toBe(1)
    finishStop()
    await flush()
    // The second quit is the real one: clean-up does not run again.
    expect(app.quits()).toBe(2)
    expect(steps).toEqual(['dispose', 'stop'])
  })

  it('still quits when the clean-up throws or stopping fails', async () => {
    const app = fakeApp()
    const log = recordingLog()
    setupQuit(app, {
      platform: 'linux',
      hasWindow: () => true,
      openWindow: () => undefined,
      dispose: () => {
        throw new Error('boom')
      },
      stop: async () => {
        throw new Error('EADDRINUSE')
      },
      log,
    })
    app.quit()
    await flush()
    expect(app.quits()).toBe(2)
    expect(log.lines.map((line) => line.message)).toEqual([
      'Clean-up before quitting failed',
      'Stopping before quitting failed',
    ])
  })

  it('quits when the last window closes except on macOS, and reopens on activate', () => {
    const linux = fakeApp()
    const opened: string[] = []
    const options = {
      hasWindow: () => false,
      openWindow: () => opened.push('open'),
      dispose: () => undefined,
      stop: async () => undefined,
      log: recordingLog(),
    }
    setupQuit(linux, { ...options, platform: 'linux' })
    linux.emit('window-all-closed')
    expect(linux.quits()).toBe(1)
    const mac = fakeApp()
    setupQuit(mac, { ...options, platform: 'darwin' })
    mac.emit('window-all-closed')
    expect(mac.quits()).toBe(0)
    mac.emit('activate')
    expect(opened).toEqual(['open'])
  })
})
