/**
 * Parley's desktop app under Playwright's Electron mode. Each launch gets a fresh user-data folder,
 * its arguments and environment from the test, and waits on the app's own ready line
 * (`[parley] ready`, printed in PARLEY_TEST mode once the window has loaded); nothing sleeps.
 *
 * Where the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD) every test skips with
 * one line. The binary is looked up without `require('electron')`, which in Electron 45 would try
 * to download it.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import {
  _electron as electron,
  expect,
  test as base,
  type ElectronApplication,
  type Page,
} from '@playwright/test'

export const MISSING_ELECTRON_REASON =
  'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD): run where it is'

const repoRoot = resolve('.')

/** The Electron executable, or null when only the npm package (no binary) is installed. */
export function electronExecutable(): string | null {
  const packageDir = join(repoRoot, 'node_modules', 'electron')
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const relativePath = readFileSync(pathFile, 'utf8').trim()
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist')
  const executable = join(distDir, relativePath)
  return existsSync(executable) ? executable : null
}

export interface LaunchOptions {
  /** PARLEY_SERVER_URL: the server for this run; omitted, the embedded server is the default. */
  serverUrl?: string
  /** Extra command-line arguments (a deep link, say). */
  args?: string[]
  /** Reuse a user-data folder (second-instance tests); a fresh one otherwise. */
  userDataDir?: string
}

export interface RunningParley {
  app: ElectronApplication
  window: Page
  userDataDir: string
  /** Everything the app printed, for failure messages. */
  output: string[]
}

function appEnvironment(
  userDataDir: string,
  serverUrl: string | undefined,
): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value
  delete env.ELECTRON_RUN_AS_NODE
  delete env.ELECTRON_RENDERER_URL
  return {
    ...env,
    PARLEY_TEST: '1',
    PARLEY_TEST_MEDIA: '1',
    PARLEY_USER_DATA_DIR: userDataDir,
    ...(serverUrl ? { PARLEY_SERVER_URL: serverUrl } : {}),
  }
}

/** Chromium's own sandbox needs user namespaces a root CI container may not have. */
function sandboxArgs(): string[] {
  return process.getuid?.() === 0 ? ['--no-sandbox'] : []
}

export async function launchParley(options: LaunchOptions = {}): Promise<RunningParley> {
  const executablePath = electronExecutable()
  if (!executablePath) throw new Error(MISSING_ELECTRON_REASON)
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'parley-e2e-'))
  const app = await electron.launch({
    executablePath,
    args: [...sandboxArgs(), repoRoot, ...(options.args ?? [])],
    env: appEnvironment(userDataDir, options.serverUrl),
  })
  const output: string[] = []
  const ready = new Promise<void>((resolveReady, reject) => {
    const child = app.process()
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.stdout?.on('data', (chunk: Buffer) => {
      output.push(chunk.toString())
      if (output.join('').includes('[parley] ready')) resolveReady()
    })
    child.once('exit', (code) =>
      reject(new Error(`Parley exited with ${code}:\n${output.join('')}`)),
    )
  })
  await ready
  const window = await app.firstWindow()
  return { app, window, userDataDir, output }
}

/** Starts a second Parley on the same profile, as the OS does for a deep link; it must hand over and quit. */
export async function runSecondInstance(
  userDataDir: string,
  args: string[],
): Promise<number | null> {
  const executablePath = electronExecutable()
  if (!executablePath) throw new Error(MISSING_ELECTRON_REASON)
  const child = spawn(executablePath, [...sandboxArgs(), repoRoot, ...args], {
    env: appEnvironment(userDataDir, undefined),
    stdio: 'ignore',
  })
  return new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)))
}

export const test = base.extend<{ parley: (options?: LaunchOptions) => Promise<RunningParley> }>({
  // Playwright reads a fixture's dependencies from its first parameter, which must be a pattern.
  // eslint-disable-next-line no-empty-pattern
  parley: async ({}, use) => {
    const launched: RunningParley[] = []
    await use(async (options) => {
      const running = await launchParley(options)
      launched.push(running)
      return running
    })
    for (const running of launched) {
      await running.app.close().catch(() => undefined)
      if (!running.userDataDir.startsWith(tmpdir())) continue
      rmSync(running.userDataDir, { recursive: true, force: true })
    }
  },
})

export { expect }

/** Signs in through Parley's sign-in screen. */
export async function signInThroughUi(window: Page, name: string): Promise<void> {
  await window.getByLabel('Display name').fill(name)
  await window.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(window.getByLabel('Call ID')).toBeVisible()
}

export async function joinCall(window: Page, name: string, callId: string): Promise<void> {
  await window.getByLabel('Call ID').fill(callId)
  await window.getByRole('button', { name: 'Join call', exact: true }).click()
  await expect(window.getByRole('group', { name: `${name} (you)`, exact: true })).toBeVisible()
}
