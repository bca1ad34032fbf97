// @ts-check
/**
 * `npm start`: runs the built app with electron-vite preview, but first checks that the Electron
 * binary is really there. Installs made with ELECTRON_SKIP_BINARY_DOWNLOAD=1 have the electron
 * package without its binary, and electron-vite would then stop with a long stack trace; this
 * says what is missing in one line instead. It reads the package's own path.txt rather than
 * calling require('electron'), which would try to download the binary as a side effect.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const MISSING_BINARY_HINT =
  'install it with `npm install electron` (with ELECTRON_SKIP_BINARY_DOWNLOAD unset) or `node node_modules/electron/install.js`, or run `npm run server` and open the printed address in a browser.'

/**
 * Where the Electron binary should be, or why it cannot be found. Mirrors the electron package's
 * own index.js (path.txt under the package, or ELECTRON_OVERRIDE_DIST_PATH) without its download.
 * @param {{ electronDir: string | null, env: Record<string, string | undefined>,
 *   exists: (path: string) => boolean, readFile: (path: string) => string }} deps
 * @returns {{ ok: true, binary: string } | { ok: false, message: string }}
 */
export function findElectronBinary(deps) {
  if (deps.electronDir === null) {
    return {
      ok: false,
      message: `Parley cannot start: the electron package is not installed; ${MISSING_BINARY_HINT}`,
    }
  }
  const pathFile = join(deps.electronDir, 'path.txt')
  const relative = deps.exists(pathFile) ? deps.readFile(pathFile).trim() : null
  const override = deps.env.ELECTRON_OVERRIDE_DIST_PATH
  const binary = override
    ? join(override, relative || 'electron')
    : relative
      ? join(deps.electronDir, 'dist', relative)
      : null
  if (binary !== null && deps.exists(binary)) return { ok: true, binary }
  return {
    ok: false,
    message: `Parley cannot start: the Electron binary was not downloaded (was ELECTRON_SKIP_BINARY_DOWNLOAD set?); ${MISSING_BINARY_HINT}`,
  }
}

/** The installed electron package's folder, or null when it is not installed. */
function electronPackageDir() {
  try {
    const require = createRequire(import.meta.url)
    return dirname(require.resolve('electron/package.json'))
  } catch {
    return null
  }
}

function main() {
  const found = findElectronBinary({
    electronDir: electronPackageDir(),
    env: process.env,
    exists: existsSync,
    readFile: (path) => readFileSync(path, 'utf8'),
  })
  if (!found.ok) {
    process.stderr.write(`${found.message}\n`)
    process.exit(1)
  }
  const require = createRequire(import.meta.url)
  const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js')
  const child = spawn(process.execPath, [cli, 'preview', ...process.argv.slice(2)], {
    stdio: 'inherit',
  })
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal)
    else process.exit(code ?? 1)
  })
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main()
