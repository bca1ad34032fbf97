/**
 * The wiring in src/main/index.ts, run for real: the built out/main/index.js in a Node child process
 * whose `electron` import is a stand-in (wiring/fake-electron.mjs). It proves the services are
 * connected as designed: sandbox and scheme privileges before ready, the embedded server started
 * and signed in to, the page served on app:// with the CSP, every bridge channel behind the
 * wrapper, screen sharing end to end, a deep link from argv held until the page signals ready, and the
 * embedded server stopped on quit.
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IpcChannel } from '../../../src/shared/ipc-channels'

const repoRoot = new URL('../../../', import.meta.url).pathname
const mainPath = join(repoRoot, 'out/main/index.js')
const wiringDir = new URL('./wiring/', import.meta.url).pathname

interface Outcome<T = unknown> {
  value?: T
  error?: string
}

interface DriveResult {
  sandboxEnabled: boolean
  switches: unknown[]
  privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[]
  protocolClients: unknown[][]
  windowOptions: { webPreferences: Record<string, unknown>; show: boolean }
  windowOpenDenied: unknown
  loads: ({ url: string; status: number; csp: string } | string)[]
  channels: string[]
  session: Outcome<{
    serverUrl: string
    embedded: boolean
    storage: string
    user: { displayName: string }
  }>
  serverInfo: Outcome
  accessToken: Outcome<string>
  rtcConfig: Outcome<{ iceServers: unknown[]; iceTransportPolicy: string }>
  preferences: Outcome
  relayConfig: Outcome<{ iceTransportPolicy: string }>
  foreign: Outcome
  badArgument: Outcome
  capabilities: Outcome
  sources: Outcome<{ id: string }[]>
  select: Outcome
  displayMedia: unknown
  permissions: boolean[]
  sent: [string, unknown][]
  sentBeforeReady: [string, unknown][]
  sentAfterGetSession: [string, unknown][]
  sentAfterForeignReady: [string, unknown][]
  foreignReady: Outcome
  pageReady: Outcome
  settingsFile: string
  signOut: Outcome
  afterSignOut: Outcome
  embeddedAfterQuit: string
}

let userData: string
let result: DriveResult

beforeAll(async () => {
  if (!existsSync(mainPath) || !existsSync(join(repoRoot, 'out/renderer/index.html'))) {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: repoRoot, stdio: 'inherit' })
  }
  userData = mkdtempSync(join(tmpdir(), 'parley-wiring-'))
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    // No keychain, no server override: the fallbacks and the embedded default are what run.
    if (
      value !== undefined &&
      !/^(DBUS_SESSION_BUS_ADDRESS|DISPLAY|WAYLAND_DISPLAY|PARLEY_.*|ELECTRON_.*)$/.test(key)
    ) {
      env[key] = value
    }
  }
  env.FAKE_ELECTRON_USER_DATA = userData
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        join(wiringDir, 'register-hooks.mjs'),
        join(wiringDir, 'drive-main.mjs'),
        mainPath,
        'parley://join/wired-call',
      ],
      { cwd: repoRoot, env },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (code) => {
      if (code === 0) resolve(stdout)
      else reject(new Error(`main exited with ${code}:\n${stderr}\n${stdout}`))
    })
  })
  const line = output.trim().split('\n').at(-1) ?? '{}'
  result = JSON.parse(line) as DriveResult
}, 120_000)

afterAll(() => {
  rmSync(userData, { recursive: true, force: true })
})

describe('main process wiring (built main with a stand-in electron)', () => {
  it('turns the sandbox on and makes app:// a secure standard scheme before ready', () => {
    expect(result.sandboxEnabled).toBe(true)
    expect(result.privilegedSchemes).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
      },
    ])
    expect(result.protocolClients.length).toBe(1)
    expect(result.protocolClients[0]?.[0]).toBe('parley')
    // Media test switches only with PARLEY_TEST_MEDIA.
    expect(result.switches).toEqual([])
  })

  it('opens one locked-down window on app://parley with the CSP header', () => {
    expect(result.windowOptions.show).toBe(false)
    expect(result.windowOptions.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    })
    expect(String(result.windowOptions.webPreferences.preload)).toMatch(/out\/preload\/index\.cjs$/)
    expect(result.windowOpenDenied).toEqual({ action: 'deny' })
    const load = result.loads[0]
    expect(typeof load).toBe('object')
    if (typeof load !== 'object') return
    expect(load.url).toBe('app://parley/index.html')
    expect(load.status).toBe(200)
    const embeddedOrigin = new URL(result.session.value?.serverUrl ?? 'http://x').origin
    expect(load.csp).toContain(
      `connect-src 'self' ${embeddedOrigin} ${embeddedOrigin.replace('http:', 'ws:')}`,
    )
  })

  it('registers every bridge channel', () => {
    const invokeChannels = Object.values(IpcChannel).filter(
      (channel) => channel !== IpcChannel.sessionChanged && channel !== IpcChannel.joinRequest,
    )
    expect(result.channels).toEqual([...invokeChannels].sort())
  })

  it('starts the embedded server and signs in to it as a guest, keeping that session in memory', () => {
    expect(result.session.value).toMatchObject({ embedded: true, storage: 'memory' })
    expect(result.session.value?.serverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(result.serverInfo.value).toMatchObject({ authMode: 'guest', embedded: true })
    expect(result.accessToken.value).toMatch(/^ey/)
    expect(result.rtcConfig.value).toMatchObject({ iceServers: [], iceTransportPolicy: 'all' })
    expect(result.relayConfig.value?.iceTransportPolicy).toBe('relay')
    // No refresh token in the settings file; the embedded session is not saved at all.
    const settings = JSON.parse(result.settingsFile) as Record<string, unknown>
    expect(settings.session).toBeNull()
    expect(settings.alwaysRelay).toBe(true)
    expect(result.settingsFile).not.toMatch(/refresh/i)
  })

  it('refuses foreign senders and bad arguments with typed errors', () => {
    expect(result.foreign.error).toMatch(/FORBIDDEN_SENDER: /)
    expect(result.badArgument.error).toMatch(/INVALID_ARGUMENT: /)
  })

  it('lists sources, and answers getDisplayMedia with the picked one', () => {
    expect(result.capabilities.value).toMatchObject({ picker: 'parley' })
    expect(result.sources.value?.map((source) => source.id)).toEqual(['window:7:0'])
    expect(result.select.error).toBeUndefined()
    expect(result.displayMedia).toEqual({ video: { id: 'window:7:0', name: 'Editor' } })
  })

  it('grants camera and microphone to the page and denies the rest', () => {
    expect(result.permissions).toEqual([true, false])
  })

  it('holds a deep link from the command line until the page signals it is ready', () => {
    const joins = (sent: [string, unknown][]) =>
      sent.filter(([channel]) => channel === IpcChannel.joinRequest)
    expect(joins(result.sentBeforeReady)).toEqual([])
    // Asking for the session no longer counts as "ready"; a foreign sender's signal is refused.
    expect(joins(result.sentAfterGetSession)).toEqual([])
    expect(result.foreignReady.error).toMatch(/FORBIDDEN_SENDER: /)
    expect(joins(result.sentAfterForeignReady)).toEqual([])
    expect(result.pageReady.error).toBeUndefined()
    expect(joins(result.sent)).toEqual([[IpcChannel.joinRequest, { callId: 'wired-call' }]])
  })

  it('signs out, and stops the embedded server on quit', () => {
    expect(result.signOut.error).toBeUndefined()
    expect(result.afterSignOut.value).toBeNull()
    expect(result.sent).toContainEqual([IpcChannel.sessionChanged, null])
    expect(result.embeddedAfterQuit).toBe('stopped')
  })
})
