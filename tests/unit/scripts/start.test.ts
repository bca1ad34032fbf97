/**
 * `npm start` without the Electron binary stops with one line that says what is missing and how
 * to get it, instead of electron-vite's stack trace; with the binary it finds it where the
 * electron package says it is.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { findElectronBinary } from '../../../scripts/start.mjs'

const repoRoot = new URL('../../../', import.meta.url).pathname
const electronDir = '/app/node_modules/electron'

function fakeFs(files: Record<string, string>) {
  return {
    exists: (path: string) => path in files,
    readFile: (path: string) => {
      const content = files[path]
      if (content === undefined) throw new Error(`ENOENT: ${path}`)
      return content
    },
  }
}

describe('findElectronBinary', () => {
  it('finds the binary named by the package’s path.txt', () => {
    const found = findElectronBinary({
      electronDir,
      env: {},
      ...fakeFs({
        [`${electronDir}/path.txt`]: 'electron\n',
        [`${electronDir}/dist/electron`]: '',
      }),
    })
    expect(found).toEqual({ ok: true, binary: `${electronDir}/dist/electron` })
  })

  it('reports a package installed without its binary (no path.txt)', () => {
    const found = findElectronBinary({ electronDir, env: {}, ...fakeFs({}) })
    expect(found.ok).toBe(false)
    if (found.ok) return
    expect(found.message).toMatch(/Electron binary was not downloaded/)
    expect(found.message).toContain('npm install electron')
    expect(found.message).toContain('node node_modules/electron/install.js')
    expect(found.message).toContain('npm run server')
    expect(found.message).not.toContain('\n')
  })

  it('reports a path.txt whose binary is gone', () => {
    const found = findElectronBinary({
      electronDir,
      env: {},
      ...fakeFs({ [`${electronDir}/path.txt`]: 'electron' }),
    })
    expect(found.ok).toBe(false)
  })

  it('honours ELECTRON_OVERRIDE_DIST_PATH as the electron package does', () => {
    const found = findElectronBinary({
      electronDir,
      env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' },
      ...fakeFs({ '/opt/electron/electron': '' }),
    })
    expect(found).toEqual({ ok: true, binary: '/opt/electron/electron' })
  })

  it('reports a missing electron package', () => {
    const found = findElectronBinary({ electronDir: null, env: {}, ...fakeFs({}) })
    expect(found.ok).toBe(false)
    if (found.ok) return
    expect(found.message).toMatch(/electron package is not installed/)
  })
})

describe('scripts/start.mjs run for real', () => {
  let emptyDir: string | null = null
  afterEach(() => {
    if (emptyDir) rmSync(emptyDir, { recursive: true, force: true })
    emptyDir = null
  })

  it('exits 1 with one line on stderr when the binary is missing', () => {
    // An override folder with nothing in it stands for a machine without the binary.
    emptyDir = mkdtempSync(join(tmpdir(), 'parley-no-electron-'))
    const run = spawnSync(process.execPath, [join(repoRoot, 'scripts/start.mjs')], {
      cwd: repoRoot,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: emptyDir },
      encoding: 'utf8',
    })
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^Parley cannot start: the Electron binary was not downloaded/)
  })
})
