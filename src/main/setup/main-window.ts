/**
 * Step: the one main window. Created locked down (security/window-security.ts), its bounds
 * remembered, reopened on demand (macOS keeps running without one). While its page loads, join
 * requests are held; the page's ready signal releases them.
 */
import { BrowserWindow, screen } from 'electron'
import type { JoinRequestQueue } from '../join-requests/join-request-queue'
import { createSecureWindow } from '../security/window-security'
import type { SettingsStore } from '../settings/settings-store'
import { MIN_WINDOW_SIZE, restoreWindowBounds, trackWindowBounds } from '../window-state'

export interface MainWindow {
  /** The window, or null while there is none (before start, or closed on macOS). */
  current(): BrowserWindow | null
  /** Opens it when there is none; otherwise restores, shows and focuses it. */
  show(): void
}

export interface MainWindowOptions {
  entryUrl: string
  preloadPath: string
  settings: SettingsStore
  joinRequests: Pick<JoinRequestQueue, 'pageGone'>
  /** Test runs print a line when the page has loaded, for the end-to-end fixture to wait on. */
  announceLoad: boolean
}

/** The holder exists before ready (deep links may arrive early); `open` works only after it. */
export function createMainWindowHolder(): MainWindow & { start(options: MainWindowOptions): void } {
  let window: BrowserWindow | null = null
  let open: (() => void) | null = null

  const show = (): void => {
    if (!window) {
      open?.()
      return
    }
    if (window.isMinimized()) window.restore()
    window.show()
    window.focus()
  }

  return {
    current: () => (window && !window.isDestroyed() ? window : null),
    show,
    start(options) {
      open = () => {
        const created = createMainWindow(options.settings, options.preloadPath)
        window = created
        // A (re)loading page has no listeners yet.
        created.webContents.on('did-start-loading', () => options.joinRequests.pageGone())
        created.webContents.on('did-finish-load', () => {
          if (options.announceLoad) process.stdout.write('[parley] ready\n')
        })
        created.on('closed', () => {
          window = null
          options.joinRequests.pageGone()
        })
        void created.loadURL(options.entryUrl)
      }
      open()
    },
  }
}

function createMainWindow(settings: SettingsStore, preloadPath: string): BrowserWindow {
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
