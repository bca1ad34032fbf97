/**
 * Window security in one place, applied to every webContents Parley creates: locked-down
 * webPreferences, navigation and window.open denied, and external http(s) links handed to the
 * system browser only after the URL has been parsed and its scheme checked.
 */

/** The settings a Parley window must have; the literal types make anything weaker a type error. */
export interface SecureWebPreferences {
  preload: string
  contextIsolation: true
  sandbox: true
  nodeIntegration: false
  nodeIntegrationInWorker: false
  nodeIntegrationInSubFrames: false
  webSecurity: true
  allowRunningInsecureContent: false
  experimentalFeatures: false
  webviewTag: false
  navigateOnDragDrop: false
  spellcheck: false
  safeDialogs: true
  disableBlinkFeatures: 'Auxclick'
}

export interface WindowGeometry {
  x?: number
  y?: number
  width: number
  height: number
  minWidth: number
  minHeight: number
}

/**
 * The locked-down options every Parley window is created with. Written out as one literal at the
 * `new BrowserWindow` call so a reader (and the static scanner) sees every setting where it applies.
 */
export function createSecureWindow<W>(
  BrowserWindow: new (
    options: WindowGeometry & {
      show: boolean
      title: string
      backgroundColor: string
      webPreferences: SecureWebPreferences
    },
  ) => W,
  geometry: WindowGeometry,
  preloadPath: string,
): W {
  return new BrowserWindow({
    ...geometry,
    show: false,
    title: 'Parley',
    backgroundColor: '#101418',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // Middle-click would otherwise try to open links in a new window (denied anyway).
      disableBlinkFeatures: 'Auxclick',
    },
  })
}

/** Returns the URL when it is an http(s) link safe to open in the browser, otherwise null. */
export function externalLinkTarget(raw: string): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  // Credentials in a link are a phishing trick, never something Parley hands on.
  if (url.username || url.password) return null
  return url.href
}

interface NavigationEventLike {
  preventDefault(): void
}

/** The part of webContents the hardening needs. */
export interface HardenableWebContents {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: NavigationEventLike, url: string) => void,
  ): unknown
  on(event: 'will-attach-webview', listener: (event: NavigationEventLike) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

export interface WindowSecurityDependencies {
  openExternal: (url: string) => Promise<void>
  /** True for Parley's own page: a reload of it is the one navigation allowed. */
  isOwnPage: (url: string) => boolean
  log: { warn(message: string, details?: Record<string, unknown>): void }
}

export function hardenWebContents(
  contents: HardenableWebContents,
  deps: WindowSecurityDependencies,
): void {
  const openOutside = (raw: string): void => {
    const target = externalLinkTarget(raw)
    if (!target) {
      deps.log.warn('Refused to open a link', { url: raw })
      return
    }
    deps.openExternal(target).catch((error: unknown) => {
      deps.log.warn('Could not open a link in the browser', { error: String(error) })
    })
  }

  contents.on('will-navigate', (event, url) => {
    if (deps.isOwnPage(url)) return
    event.preventDefault()
    openOutside(url)
  })
  contents.on('will-redirect', (event, url) => {
    if (deps.isOwnPage(url)) return
    event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url)
    return { action: 'deny' }
  })
}
