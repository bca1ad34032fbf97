/**
 * The main process as a list of named steps. Each step lives in src/main/setup/ and takes the
 * Electron objects it needs; the services they create take narrow interfaces and are unit-tested
 * on their own. This file only says what happens, in what order.
 */
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, desktopCapturer, protocol, shell, systemPreferences } from 'electron'
import { APP_SCHEME, buildPaths, isPageOfOrigin, resolvePageOrigin } from './app-paths'
import { createLogger } from './log'
import { resolveRunMode, type RunMode } from './run-mode'
import { createSourceBroker } from './screen-share/source-broker'
import { hardenWebContents } from './security/window-security'
import { setupContentSecurity } from './setup/content-security'
import { setupEmbeddedServer } from './setup/embedded-server'
import { bridgeEvents, setupIpc } from './setup/ipc'
import { setupJoinRequests } from './setup/join-requests'
import { createMainWindowHolder } from './setup/main-window'
import { setupQuit } from './setup/quit'
import { restoreSession, setupSession } from './setup/session'
import { setupSettings } from './setup/settings'
import { setupVault } from './setup/vault'

const log = createLogger('main')
const { rendererDir, preloadPath } = buildPaths(dirname(fileURLToPath(import.meta.url)))
const runMode = resolveRunMode({ isPackaged: app.isPackaged, env: process.env })
const page = resolvePageOrigin(process.env.ELECTRON_RENDERER_URL, app.isPackaged)
const isOwnPage = (url: string): boolean => isPageOfOrigin(url, page.origin)
const mainWindow = createMainWindowHolder()
const events = bridgeEvents(mainWindow)

// --- Before ready ------------------------------------------------------------------------------

setupTestSwitches(runMode)
setupAppScheme()
if (!app.requestSingleInstanceLock()) {
  // Another Parley is running: it receives our argv (and any deep link) via second-instance.
  app.quit()
} else {
  const joinRequests = setupJoinRequests({
    showMainWindow: () => mainWindow.show(),
    sendToPage: (request) => events.joinRequest(request),
    registerWithOs: !runMode.test,
    log,
  })
  setupWindowSecurity()
  app
    .whenReady()
    .then(() => start(joinRequests))
    .catch((error: unknown) => {
      log.error('Start-up failed', { error: String(error) })
      app.exit(1)
    })
}

// --- After ready -------------------------------------------------------------------------------

async function start(joinRequests: ReturnType<typeof setupJoinRequests>): Promise<void> {
  const settings = setupSettings()
  const { vault } = await setupVault(settings)
  const embedded = setupEmbeddedServer({
    rendererDir,
    preferredPort: Number(process.env.PARLEY_EMBEDDED_PORT ?? 0) || 0,
    pageOrigin: page.origin,
  })
  const { serverUrlOverride } = runMode
  if (!serverUrlOverride && !settings.get().serverUrl) await embedded.ensure()
  const { session, rtcConfig } = setupSession({ vault, settings, embedded, serverUrlOverride })
  const sources = createSourceBroker({
    desktopCapturer,
    systemPreferences: process.platform === 'darwin' ? systemPreferences : null,
    env: { platform: process.platform, sessionType: process.env.XDG_SESSION_TYPE },
  })
  const contentSecurity = setupContentSecurity({
    page,
    isOwnPage,
    rendererDir,
    sources,
    // The servers the page may connect to; the CSP is built from them on every page load.
    allowedServers: () =>
      [
        embedded.current()?.url,
        serverUrlOverride,
        settings.get().serverUrl,
        session.getSession()?.serverUrl,
      ].filter((url, index, all): url is string => !!url && all.indexOf(url) === index),
  })
  const registry = setupIpc(
    { session, rtcConfig, settings, sources, joinRequests },
    mainWindow,
    isOwnPage,
  )
  setupSessionEvents(session, contentSecurity)
  await restoreSession(session, { settings, serverUrlOverride })
  mainWindow.start({
    entryUrl: page.entryUrl,
    preloadPath,
    settings,
    joinRequests,
    announceLoad: runMode.test,
  })
  setupQuit(app, {
    platform: process.platform,
    hasWindow: () => mainWindow.current() !== null,
    openWindow: () => mainWindow.show(),
    dispose: () => {
      session.dispose()
      registry.dispose()
    },
    stop: () => embedded.stop(),
    log,
  })
}

// --- The steps too small for a module of their own ---------------------------------------------

/** Test switches, honoured only in unpackaged builds (see run-mode.ts). */
function setupTestSwitches(mode: RunMode): void {
  for (const warning of mode.warnings) log.warn(warning)
  // Each end-to-end test gets a fresh profile.
  if (mode.userDataDir) app.setPath('userData', mode.userDataDir)
  if (mode.fakeMedia) {
    // Playwright's launch arguments do not reach Chromium's media stack in Electron; these do.
    app.commandLine.appendSwitch('use-fake-device-for-media-stream')
    app.commandLine.appendSwitch('use-fake-ui-for-media-stream')
    app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required')
  }
}

/** app:// is a secure standard scheme (Parley's page lives there); the sandbox is on everywhere. */
function setupAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ])
  app.enableSandbox()
}

/** Window security for every webContents, whoever creates it. */
function setupWindowSecurity(): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, {
      openExternal: (url) => shell.openExternal(url),
      isOwnPage,
      log,
    })
  })
}

/** Session changes reach the page; a server its CSP did not allow at load needs a reload. */
function setupSessionEvents(
  session: ReturnType<typeof setupSession>['session'],
  contentSecurity: ReturnType<typeof setupContentSecurity>,
): void {
  session.onChange((current) => {
    events.sessionChanged(current)
    const window = mainWindow.current()
    if (current && window && contentSecurity.needsReloadFor(current.serverUrl)) {
      setImmediate(() => {
        if (!window.isDestroyed()) window.webContents.reload()
      })
    }
  })
}
