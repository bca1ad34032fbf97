/**
 * A stand-in for the `electron` module, for running the built main process (out/main/index.js)
 * in plain Node. It implements just what Parley's main and electron-store touch, records what
 * they do on globalThis.fakeElectron, and loads pages through the registered app:// handler.
 */
import { EventEmitter } from 'node:events'

const state = {
  switches: [],
  sandboxEnabled: false,
  privilegedSchemes: [],
  protocolHandlers: new Map(),
  protocolClients: [],
  windows: [],
  ipcHandlers: new Map(),
  ipcListeners: new Map(),
  sent: [],
  openedExternally: [],
  permissionRequestHandler: null,
  permissionCheckHandler: null,
  displayMediaHandler: null,
  headersListener: null,
  quitCalls: 0,
  exitCode: null,
  loads: [],
  paths: { userData: process.env.FAKE_ELECTRON_USER_DATA },
}
globalThis.fakeElectron = state

class FakeApp extends EventEmitter {
  isPackaged = false
  commandLine = { appendSwitch: (...args) => state.switches.push(args) }
  constructor() {
    super()
    let resolve
    this.readyPromise = new Promise((r) => (resolve = r))
    this.resolveReady = resolve
  }
  whenReady() {
    return this.readyPromise
  }
  isReady() {
    return true
  }
  getPath(name) {
    return state.paths[name] ?? `/tmp/fake-electron-${name}`
  }
  setPath(name, value) {
    state.paths[name] = value
  }
  getVersion() {
    return '0.0.0-test'
  }
  getName() {
    return 'Parley'
  }
  enableSandbox() {
    state.sandboxEnabled = true
  }
  requestSingleInstanceLock() {
    return true
  }
  setAsDefaultProtocolClient(...args) {
    state.protocolClients.push(args)
    return true
  }
  quit() {
    state.quitCalls += 1
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true
      },
    }
    this.emit('before-quit', event)
  }
  exit(code) {
    state.exitCode = code
  }
}
export const app = new FakeApp()
// The app becomes ready on the next turn, as Electron's does after the main script ran.
setImmediate(() => app.resolveReady())

export const protocol = {
  registerSchemesAsPrivileged: (schemes) => state.privilegedSchemes.push(...schemes),
  handle: (scheme, handler) => state.protocolHandlers.set(scheme, handler),
}

let nextId = 1
class FakeWebContents extends EventEmitter {
  constructor() {
    super()
    this.id = nextId++
    this.destroyed = false
    this.windowOpenHandler = null
  }
  send(channel, payload) {
    state.sent.push([channel, payload])
  }
  isDestroyed() {
    return this.destroyed
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler
  }
  reload() {
    state.loads.push('reload')
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return state.windows
  }
  constructor(options) {
    super()
    this.options = options
    this.webContents = new FakeWebContents()
    this.destroyed = false
    state.windows.push(this)
    app.emit('web-contents-created', {}, this.webContents)
  }
  async loadURL(url) {
    const scheme = new URL(url).protocol.slice(0, -1)
    const handler = state.protocolHandlers.get(scheme)
    const response = handler ? await handler(new Request(url)) : null
    state.loads.push({
      url,
      status: response?.status ?? null,
      csp: response?.headers.get('content-security-policy') ?? null,
    })
    this.emit('ready-to-show')
    this.webContents.emit('did-finish-load')
  }
  isDestroyed() {
    return this.destroyed
  }
  isMinimized() {
    return false
  }
  isMaximized() {
    return false
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: this.options.width, height: this.options.height }
  }
  restore() {}
  show() {}
  focus() {}
  maximize() {}
}

export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: (listener) => (state.headersListener = listener) },
    setPermissionRequestHandler: (handler) => (state.permissionRequestHandler = handler),
    setPermissionCheckHandler: (handler) => (state.permissionCheckHandler = handler),
    setDisplayMediaRequestHandler: (handler) => (state.displayMediaHandler = handler),
  },
}

export const ipcMain = {
  handle: (channel, listener) => {
    if (state.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`)
    state.ipcHandlers.set(channel, listener)
  },
  removeHandler: (channel) => state.ipcHandlers.delete(channel),
  on: (channel, listener) => state.ipcListeners.set(channel, listener),
}

const image = (text) => ({ isEmpty: () => false, toDataURL: () => `data:image/png;base64,${text}` })
export const desktopCapturer = {
  getSources: async ({ types }) =>
    [
      { id: 'screen:1:0', name: 'Screen 1', thumbnail: image('c2NyZWVu'), appIcon: null },
      {
        id: 'window:7:0',
        name: 'Editor',
        thumbnail: image('d2luZG93'),
        appIcon: image('aWNvbg=='),
      },
    ].filter((source) => types.some((type) => source.id.startsWith(`${type}:`))),
}

export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => process.env.FAKE_SAFE_STORAGE_BACKEND ?? 'basic_text',
  encryptString: (text) => Buffer.from(`enc:${text}`),
  decryptString: (buffer) => buffer.toString().slice(4),
}

export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
}

export const shell = {
  openExternal: async (url) => {
    state.openedExternally.push(url)
  },
  openPath: async () => '',
}

export const systemPreferences = { getMediaAccessStatus: () => 'granted' }

export const net = { fetch: (input, init) => fetch(input, init) }

export default {
  app,
  protocol,
  BrowserWindow,
  session,
  ipcMain,
  desktopCapturer,
  safeStorage,
  screen,
  shell,
  systemPreferences,
  net,
}
