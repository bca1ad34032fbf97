/**
 * The packaged build must carry a keytar built for Electron's ABI (not Node's, not a stale
 * prebuilt one) where it can be loaded, and keep the fuses that stop it being used as Node.
 */
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)
const config = require('../../../electron-builder.config.cjs') as {
  npmRebuild?: boolean
  buildDependenciesFromSource?: boolean
  asarUnpack?: string[]
  electronFuses?: Record<string, boolean>
}
const pkg = require('../../../package.json') as {
  optionalDependencies?: Record<string, string>
  dependencies?: Record<string, string>
}

describe('packaging config', () => {
  it('rebuilds keytar from source for Electron and unpacks its .node file', () => {
    expect(config.npmRebuild).toBe(true)
    expect(config.buildDependenciesFromSource).toBe(true)
    expect(config.asarUnpack).toContain('**/node_modules/keytar/**/*.node')
    // Optional: a failed native build must not fail `npm install`; the vault falls back.
    expect(pkg.optionalDependencies?.keytar).toBeDefined()
    expect(pkg.dependencies?.keytar).toBeUndefined()
  })

  it('keeps Electron from being reused as a Node runtime', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    })
  })
})
