/**
 * Settings on disk through conf (the store electron-store is built on; electron-store itself needs
 * Electron). A corrupt or hand-edited file is reset to defaults with a warning, never a crash.
 */
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createSettingsStore,
  DEFAULT_SETTINGS,
  openSettingsBackend,
  parseSettings,
  type ConfLike,
} from '../../../src/main/settings/settings-store'
import { recordingLog } from './helpers'

let dir: string
let settingsPath: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-settings-'))
  settingsPath = join(dir, 'settings.json')
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

function open(log = recordingLog()) {
  const backend = openSettingsBackend(
    () =>
      new Conf({
        cwd: dir,
        configName: 'settings',
        projectName: 'parley-test',
        clearInvalidConfig: false,
      }) as unknown as ConfLike,
    { settingsPath, rename: renameSync },
    log,
  )
  return { store: createSettingsStore(backend, log), log }
}

describe('settings store', () => {
  it('starts from the defaults and writes them', () => {
    const { store, log } = open()
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(JSON.parse(readFileSync(settingsPath, 'utf8'))).toEqual(DEFAULT_SETTINGS)
    expect(log.lines.filter((line) => line.level === 'warn')).toEqual([])
  })

  it('keeps what was saved across opens', () => {
    const first = open().store
    first.update({ serverUrl: 'https://calls.example.test' })
    first.setPreferences({ alwaysRelay: true, preferredDevices: { audioInput: 'mic-2' } })
    first.update({ windowBounds: { x: 10, y: 20, width: 900, height: 700, maximized: false } })
    const second = open().store
    expect(second.get().serverUrl).toBe('https://calls.example.test')
    expect(second.getPreferences()).toEqual({
      alwaysRelay: true,
      preferredDevices: { audioInput: 'mic-2', videoInput: null, audioOutput: null },
    })
    expect(second.get().windowBounds?.width).toBe(900)
  })

  it('moves a file that is not JSON aside and starts from defaults, with a warning', () => {
    writeFileSync(settingsPath, '{"serverUrl": "https://x.test", oops')
    const { store, log } = open()
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(
      log.lines.some((line) => line.level === 'warn' && /not valid JSON/.test(line.message)),
    ).toBe(true)
    // The broken file is kept beside, for a person to recover a hand edit.
    expect(readdirSync(dir).some((name) => name.startsWith('settings.json.corrupt-'))).toBe(true)
    store.update({ alwaysRelay: true })
    expect(open().store.get().alwaysRelay).toBe(true)
  })

  it('resets only the hand-edited fields that are wrong, with a warning naming them', () => {
    writeFileSync(
      settingsPath,
      JSON.stringify({
        serverUrl: 'ftp://not-http.example',
        alwaysRelay: 'yes',
        preferredDevices: { audioInput: 'mic-1', videoInput: null, audioOutput: null },
        windowBounds: { width: -5 },
        session: null,
        safeStorageSecrets: {},
        somethingNew: 42,
      }),
    )
    const { store, log } = open()
    expect(store.get()).toEqual({
      ...DEFAULT_SETTINGS,
      preferredDevices: { audioInput: 'mic-1', videoInput: null, audioOutput: null },
    })
    const warning = log.lines.find((line) => line.level === 'warn')
    expect(warning?.details?.keys).toEqual(['serverUrl', 'alwaysRelay', 'windowBounds'])
    // The repaired file is written back.
    expect(JSON.parse(readFileSync(settingsPath, 'utf8'))).toEqual(store.get())
  })

  it('treats a file holding an array or a number as corrupt', () => {
    for (const raw of [[], 7, 'text', null]) {
      const { settings, resetKeys } = parseSettings(raw)
      expect(settings).toEqual(DEFAULT_SETTINGS)
      expect(resetKeys).toEqual(['(whole file)'])
    }
    writeFileSync(settingsPath, '[1, 2, 3]')
    expect(open().store.get()).toEqual(DEFAULT_SETTINGS)
  })

  it('refuses an invalid update instead of saving it', () => {
    const { store } = open()
    expect(() => store.update({ serverUrl: 'javascript:alert(1)' })).toThrow()
    expect(store.get().serverUrl).toBeNull()
  })

  it('keeps working from memory when the file cannot be written', () => {
    const log = recordingLog()
    const store = createSettingsStore(
      {
        readAll: () => ({}),
        writeAll: () => {
          throw new Error('EROFS: read-only file system')
        },
      },
      log,
    )
    expect(store.update({ alwaysRelay: true }).alwaysRelay).toBe(true)
    expect(log.lines.some((line) => /could not be saved/.test(line.message))).toBe(true)
  })

  it('tells listeners about changes', () => {
    const { store } = open()
    const seen: boolean[] = []
    const unsubscribe = store.onChange((settings) => seen.push(settings.alwaysRelay))
    store.setPreferences({ alwaysRelay: true })
    unsubscribe()
    store.setPreferences({ alwaysRelay: false })
    expect(seen).toEqual([true])
  })
})
