/**
 * The settings file holds safeStorage ciphertext and which account to restore: it is created 0600
 * in a 0700 folder (when Parley creates the folder), stays 0600 across writes, and a file an older
 * version left world-readable is narrowed when opened. Real files in a temp dir, through conf.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createSettingsStore,
  openPrivateSettingsBackend,
  type ConfLike,
} from '../../../src/main/settings/settings-store'
import { ensurePrivateFolder } from '../../../src/main/settings/private-files'
import { recordingLog } from './helpers'

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'parley-private-'))
})
afterEach(() => {
  rmSync(root, { recursive: true, force: true })
})

const modeOf = (path: string): number => statSync(path).mode & 0o777

function openIn(folder: string) {
  const log = recordingLog()
  const backend = openPrivateSettingsBackend(
    (options) =>
      new Conf({
        cwd: folder,
        projectName: 'parley-test',
        configName: options.name,
        clearInvalidConfig: options.clearInvalidConfig,
        configFileMode: options.configFileMode,
      }) as unknown as ConfLike,
    join(folder, 'settings.json'),
    log,
  )
  return { store: createSettingsStore(backend, log), log }
}

describe('private settings file', () => {
  it('creates the folder 0700 and the file 0600, and keeps it 0600 across writes', () => {
    const folder = join(root, 'user-data', 'Parley')
    const { store } = openIn(folder)
    expect(modeOf(folder)).toBe(0o700)
    expect(modeOf(join(folder, 'settings.json'))).toBe(0o600)
    store.update({ safeStorageSecrets: { 'https://x.test#u1': 'Y2lwaGVy' } })
    expect(modeOf(join(folder, 'settings.json'))).toBe(0o600)
  })

  it('narrows a world-readable file left by an older version', () => {
    const folder = join(root, 'existing')
    mkdirSync(folder, { mode: 0o755 })
    writeFileSync(join(folder, 'settings.json'), '{"alwaysRelay": true}', { mode: 0o644 })
    const { store } = openIn(folder)
    expect(store.get().alwaysRelay).toBe(true)
    expect(modeOf(join(folder, 'settings.json'))).toBe(0o600)
    // A folder Parley did not create is left as its owner set it.
    expect(modeOf(folder)).toBe(0o755)
  })

  it('keeps a corrupt file moved aside private as well', () => {
    const folder = join(root, 'corrupt')
    mkdirSync(folder)
    writeFileSync(join(folder, 'settings.json'), '{"safeStorageSecrets": {"a": "b"}, oops', {
      mode: 0o644,
    })
    openIn(folder)
    const aside = readdirSync(folder).find((name) => name.startsWith('settings.json.corrupt-'))
    expect(aside).toBeDefined()
    expect(modeOf(join(folder, aside ?? ''))).toBe(0o600)
    expect(modeOf(join(folder, 'settings.json'))).toBe(0o600)
  })

  it('ensurePrivateFolder creates missing parents 0700 and leaves an existing folder alone', () => {
    const nested = join(root, 'a', 'b')
    ensurePrivateFolder(nested)
    expect(modeOf(join(root, 'a'))).toBe(0o700)
    expect(modeOf(nested)).toBe(0o700)
    const open = join(root, 'open')
    mkdirSync(open, { mode: 0o755 })
    ensurePrivateFolder(open)
    expect(modeOf(open)).toBe(0o755)
  })
})
