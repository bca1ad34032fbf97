/**
 * Main process wiring. Every concern lives in its own service that takes the Electron objects it
 * needs through a narrow interface; this file only creates them and connects them.
 */
import { renameSync } from 'node:fs'
import { readFile as readFileAsync } from 'node:fs/promises'
import { userInfo } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  app,
  BrowserWindow,
  desktopCapturer,
  ipcMain,
  net,
  protocol,
  safeStorage,
  screen,
  session as electronSession,
  shell,
  systemPreferences,
} from 'electron'
import Store from 'electron-store'
import type { JoinRequest } from '../shared/bridge'
import { MAX_DISPLAY_NAME_LENGTH } from '../shared/protocol'
import { APP_SCHEME, buildPaths, isPageOfOrigin, resolvePageOrigin } from './app-paths'
import { createAppProtocolHandler } from './app-protocol'
import { findDeepLinkInArgv, parseDeepLink, registerProtocolClient } from './deep-links'
import { createEmbeddedServer } from './embedded-server'
import { normalizeServerUrl, type FetchLike } from './http-client'
import { createIpcHandlerRegistry } from './ipc/ipc-handler'
import { createBridgeEventSender, registerBridgeHandlers } from './ipc/register-bridge-handlers'
import { createLogger } from './log'
import { createRtcConfigService } from './rtc/rtc-config-service'
import { createDisplayMediaHandler } from './screen-share/display-media-handler'
import { createSourceBroker } from './screen-share/source-broker'
import {
  buildContentSecurityPolicy,
  installContentSecurityPolicy,
  serverOrigins,
} from './security/content-security-policy'
import { installPermissionHandlers } from './security/permissions'
import { createSecureWindow, hardenWebContents } from './security/window-security'
import { createSessionService, type SessionService } from './session/session-service'
import { chooseTokenVault, type KeytarLike } from './session/token-vault'
import {
  createSettingsStore,
  openSettingsBackend,
  type SettingsStore,
} from './settings/settings-store'
import { MIN_WINDOW_SIZE, restoreWindowBounds, trackWindowBounds } from './window-state'

const log = createLogger('main')
const mainDir = dirname(fileURLToPath(import.meta.url))
const { rendererDir, preloadPath } = buildPaths(mainDir)
const page = resolvePageOrigin(process.env.ELECTRON_RENDERER_URL, app.isPackaged)
const isOwnPage = (url: string): boolean => isPageOfOrigin(url, page.origin)
const testMode = process.env.PARLEY_TEST === '1'
/** How long start-up waits for the saved session before showing the window anyway. */
const RESTORE_WAIT_MS = 3000

// --- Before ready: switches, scheme privileges, sandbox, single instance -----------------------

if (testMode && process.env.PARLEY_USER_DATA_DIR) {
  // Each end-to-end test gets a fresh profile.
  app.setPath('userData', process.env.PARLEY_USER_DATA_DIR)
}
if (process.env.PARLEY_TEST_MEDIA === '1') {
  // Playwright's launch arguments do not reach Chromium's media stack in Electron; these do.
  app.commandLine.appendSwitch('use-fake-device-for-media-stream')
  app.commandLine.appendSwitch('use-fake-ui-for-media-stream')
  app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required')
}

protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
])
app.enableSandbox()

let mainWindow: BrowserWindow | null = null
/** Set once the app is started: opens the main window again (macOS keeps running without one). */
let reopenMainWindow: (() => void) | null = null
/** A join request that arrived before the window could take it. */
let pendingJoin: JoinRequest | null = null
let deliverJoin: (request: JoinRequest) => void = (request) => {
  pendingJoin = request
}

const gotLock = app.requestSingleInstanceLock()
if (!gotLock) {
  // Another Parley is running: it receives our argv (and any deep link) via second-instance.
  app.quit()
} else {
  app.on('second-instance', (_event, argv) => {
    if (!mainWindow) reopenMainWindow?.()
    focusMainWindow()
    const request = findDeepLinkInArgv(argv)
    if (request) deliverJoin(request)
  })
  // macOS delivers deep links here, possibly before ready.
  app.on('open-url', (event, url) => {
    event.preventDefault()
    const request = parseDeepLink(url)
    if (request) deliverJoin(request)
    else log.warn('Ignored a malformed deep link')
  })
  // End-to-end runs pass links on the command line; they must not rewrite the machine's handler.
  if (!testMode) {
    const entry = process.argv[1]
    registerProtocolClient(app, {
      defaultApp: process.defaultApp === true,
      execPath: process.execPath,
      appEntry: entry && !entry.startsWith('-') ? resolve(entry) : undefined,
    })
  }
  const fromArgv = findDeepLinkInArgv(process.argv)
  if (fromArgv) pendingJoin = fromArgv

  // Window security for every webContents, whoever creates it.
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, {
      openExternal: (url) => shell.openExternal(url),
      isOwnPage,
      log,
    })
  })

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('Start-up failed', { error: String(error) })
      app.exit(1)
    })
}

function focusMainWindow(): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

async function start(): Promise<void> {
  const settings = openSettings()
  const defaultSession = electronSession.defaultSession

  const vaultChoice = await chooseTokenVault({
    loadKeytar: async () => {
      // keytar is a native module; it may be missing or fail to load on this machine.
      const module = (await import('keytar')) as { default?: KeytarLike } & Partial<KeytarLike>
      return (module.default ?? module) as KeytarLike
    },
    safeStorage: {
      isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
      encryptString: (text) => safeStorage.encryptString(text),
      decryptString: (data) => safeStorage.decryptString(data),
      // Only Linux has a choice of backends (and the call); elsewhere it is the OS keystore.
      ...(process.platform === 'linux'
        ? { getSelectedStorageBackend: () => safeStorage.getSelectedStorageBackend() }
        : {}),
    },
    ciphertextStore: {
      read: () => settings.get().safeStorageSecrets,
      write: (secrets) => {
        settings.update({ safeStorageSecrets: secrets })
      },
    },
    log: createLogger('vault'),
  })

  const embedded = createEmbeddedServer({
    start: async (env) => {
      const { loadServerConfig, startServer } = await import('../server/index')
      const serverLog = createLogger('embedded-server')
      return startServer(loadServerConfig(env), {
        staticDir: rendererDir,
        log: (line) => serverLog.info(line),
      })
    },
    preferredPort: Number(process.env.PARLEY_EMBEDDED_PORT ?? 0) || 0,
    log: createLogger('embedded-server'),
  })

  const serverUrlOverride = parseServerOverride(process.env.PARLEY_SERVER_URL)
  if (!serverUrlOverride && !settings.get().serverUrl) await embedded.ensure()

  // Chromium's network stack, so system proxies and certificates apply to main's requests too.
  const netFetch: FetchLike = (input, init) => net.fetch(input, init)
  const sessionService = createSessionService({
    fetch: netFetch,
    vault: vaultChoice.vault,
    settings,
    embeddedServer: embedded,
    serverUrlOverride,
    log: createLogger('session'),
  })
  const rtcConfig = createRtcConfigService({
    fetch: netFetch,
    session: sessionService,
    alwaysRelay: () => settings.get().alwaysRelay,
    log: createLogger('rtc-config'),
  })
  const sources = createSourceBroker({
    desktopCapturer,
    systemPreferences: process.platform === 'darwin' ? systemPreferences : null,
    env: { platform: process.platform, sessionType: process.env.XDG_SESSION_TYPE },
  })

  // The servers the page may connect to; the CSP is built from them on every page load.
  const allowedServers = (): string[] => {
    const urls = new Set<string>()
    const embeddedNow = embedded.current()
    if (embeddedNow) urls.add(embeddedNow.url)
    if (serverUrlOverride) urls.add(serverUrlOverride)
    const configured = settings.get().serverUrl
    if (configured) urls.add(configured)
    const current = sessionService.getSession()
    if (current) urls.add(current.serverUrl)
    return [...urls]
  }
  let originsAtLoad = new Set<string>()
  const contentSecurityPolicy = (): string => {
    const servers = allowedServers()
    originsAtLoad = new Set(servers.flatMap(serverOrigins))
    return buildContentSecurityPolicy({
      serverUrls: servers,
      devServerOrigin: page.origin.startsWith('http') ? page.origin : null,
    })
  }

  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({
      rendererDir,
      readFile: (path) => readFileAsync(path),
      contentSecurityPolicy,
    }),
  )
  installContentSecurityPolicy(defaultSession.webRequest, isOwnPage, contentSecurityPolicy)
  installPermissionHandlers(defaultSession, {
    isOwnPage,
    ownOrigin: page.origin,
    log: createLogger('permissions'),
  })
  defaultSession.setDisplayMediaRequestHandler(
    createDisplayMediaHandler({
      broker: sources,
      desktopCapturer,
      platform: process.platform,
      isOwnPage,
      log: createLogger('display-media'),
    }),
  )

  const registry = createIpcHandlerRegistry(
    ipcMain,
    {
      trustedWebContentsId: () =>
        mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.id : null,
      isOwnPage,
    },
    createLogger('ipc'),
  )
  const events = createBridgeEventSender(() =>
    mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null,
  )
  /**
   * Join requests reach the page only once it listens. The UI asks for its session first and
   * subscribes to join requests in the same step, so a page that has asked is listening: held
   * requests are sent right after that answer, and later ones at once.
   */
  const pageAskedForSession = (): void => {
    deliverJoin = (request) => {
      focusMainWindow()
      events.joinRequest(request)
    }
    if (pendingJoin) {
      const request = pendingJoin
      pendingJoin = null
      setImmediate(() => deliverJoin(request))
    }
  }
  const holdJoinRequests = (): void => {
    deliverJoin = (request) => {
      pendingJoin = request
    }
  }
  registerBridgeHandlers(registry, {
    session: {
      ...sessionService,
      getSession: () => {
        pageAskedForSession()
        return sessionService.getSession()
      },
    },
    rtcConfig,
    settings,
    sources,
  })

  sessionService.onChange((current) => {
    rtcConfig.invalidate()
    events.sessionChanged(current)
    // A server the page's CSP did not allow at load needs a reload to be reachable.
    const needed = current ? serverOrigins(current.serverUrl) : []
    if (needed.some((origin) => !originsAtLoad.has(origin)) && mainWindow) {
      const window = mainWindow
      setImmediate(() => {
        if (!window.isDestroyed()) window.webContents.reload()
      })
    }
  })
  settings.onChange(() => rtcConfig.invalidate())

  // A slow or unreachable server must not hold the window back: after a short wait it opens,
  // and a restore that finishes later arrives as a session change.
  await Promise.race([
    restoreOrSignInEmbedded(sessionService, settings, serverUrlOverride).catch((error: unknown) =>
      log.warn('Session restore failed', { error: String(error) }),
    ),
    new Promise((resolve) => setTimeout(resolve, RESTORE_WAIT_MS)),
  ])

  const openMainWindow = (): void => {
    const window = createMainWindow(settings)
    mainWindow = window
    // A (re)loading page has no listeners yet.
    window.webContents.on('did-start-loading', holdJoinRequests)
    window.webContents.on('did-finish-load', () => {
      if (testMode) process.stdout.write('[parley] ready\n')
    })
    window.on('closed', () => {
      mainWindow = null
      holdJoinRequests()
    })
    void window.loadURL(page.entryUrl)
  }
  reopenMainWindow = openMainWindow
  openMainWindow()

  app.on('activate', () => {
    if (!mainWindow) openMainWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  let stopping = false
  app.on('before-quit', (event) => {
    if (stopping) return
    stopping = true
    event.preventDefault()
    sessionService.dispose()
    registry.dispose()
    embedded.stop().finally(() => app.quit())
  })
}

function openSettings(): SettingsStore {
  const settingsLog = createLogger('settings')
  const settingsPath = join(app.getPath('userData'), 'settings.json')
  const backend = openSettingsBackend(
    () => new Store({ name: 'settings', clearInvalidConfig: false }),
    {
      settingsPath,
      // Synchronous on purpose: this runs once, before anything reads the settings.
      rename: (from, to) => renameSync(from, to),
    },
    settingsLog,
  )
  return createSettingsStore(backend, settingsLog)
}

function parseServerOverride(raw: string | undefined): string | null {
  if (!raw) return null
  try {
    const url = new URL(raw)
    if (url.protocol === 'http:' || url.protocol === 'https:') return normalizeServerUrl(raw)
  } catch {
    // Reported below.
  }
  log.warn('PARLEY_SERVER_URL is not an http(s) URL; ignored')
  return null
}

async function restoreOrSignInEmbedded(
  sessionService: SessionService,
  settings: SettingsStore,
  serverUrlOverride: string | null,
): Promise<void> {
  if (await sessionService.restore()) return
  if (serverUrlOverride || settings.get().serverUrl) return
  // A fresh machine: sign in as a guest to the embedded server so Parley works at once.
  const name = guestName()
  try {
    await sessionService.signIn({ username: name })
  } catch (error) {
    log.warn('Guest sign-in to the embedded server failed', { error: String(error) })
  }
}

function guestName(): string {
  try {
    const name = userInfo().username.trim()
    if (name) return name.slice(0, MAX_DISPLAY_NAME_LENGTH)
  } catch {
    // No user name on this system.
  }
  return 'Guest'
}

function createMainWindow(settings: SettingsStore): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea)
  const { bounds, maximized } = restoreWindowBounds(settings.get().windowBounds, workAreas)
  const window = createSecureWindow(
    BrowserWindow,
    { ...bounds, minWidth: MIN_WINDOW_SIZE.width, minHeight: MIN_WINDOW_SIZE.height },
    preloadPath,
  )
  trackWindowBounds(window, (windowBounds) => {
    settings.update({ windowBounds })
  })
  window.once('ready-to-show', () => {
    if (maximized) window.maximize()
    window.show()
  })
  return window
}
