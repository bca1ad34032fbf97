/**
 * Step: closing and quitting. Closing the last window quits except on macOS; reactivating reopens
 * the window. Quitting waits once for the clean-up (session timers, IPC handlers, the embedded
 * server) and then quits for real, whatever the clean-up's outcome.
 */

/** The part of `app` the quit step needs. */
export interface QuitApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown
  on(event: 'window-all-closed' | 'activate', listener: () => void): unknown
  quit(): void
}

export function setupQuit(
  app: QuitApp,
  options: {
    platform: NodeJS.Platform
    hasWindow: () => boolean
    openWindow: () => void
    /** Synchronous clean-up first, then the asynchronous one (stopping the embedded server). */
    dispose: () => void
    stop: () => Promise<void>
    log: { warn(message: string, details?: Record<string, unknown>): void }
  },
): void {
  app.on('activate', () => {
    if (!options.hasWindow()) options.openWindow()
  })
  app.on('window-all-closed', () => {
    if (options.platform !== 'darwin') app.quit()
  })
  let stopping = false
  app.on('before-quit', (event) => {
    if (stopping) return
    stopping = true
    event.preventDefault()
    try {
      options.dispose()
    } catch (error) {
      options.log.warn('Clean-up before quitting failed', { error: String(error) })
    }
    options
      .stop()
      .catch((error: unknown) =>
        options.log.warn('Stopping before quitting failed', { error: String(error) }),
      )
      .finally(() => app.quit())
  })
}
