/**
 * The preload: one global, `parley`, whose object is declared against the shared Bridge type and
 * holds only `signaling` and `screenShare`. Each function invokes one named channel; each
 * listener returns its own unsubscribe; ipcRenderer itself never crosses into the page. It runs
 * sandboxed, so it is bundled to one CommonJS file and imports nothing but `electron`.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { Bridge, JoinRequest, SessionInfo } from '../shared/bridge'
import { BRIDGE_GLOBAL, IpcChannel } from '../shared/ipc-channels'

type Listener<T> = (payload: T) => void

/** Subscribes to a main-to-renderer event; the page never sees the IpcRendererEvent. */
function subscribe<T>(channel: string, listener: Listener<T>): () => void {
  const forward = (_event: IpcRendererEvent, payload: T): void => listener(payload)
  ipcRenderer.on(channel, forward)
  return () => {
    ipcRenderer.removeListener(channel, forward)
  }
}

const bridge: Bridge = {
  signaling: {
    getServerInfo: (request) => ipcRenderer.invoke(IpcChannel.getServerInfo, request),
    getSession: () => ipcRenderer.invoke(IpcChannel.getSession),
    signIn: (request) => ipcRenderer.invoke(IpcChannel.signIn, request),
    signOut: () => ipcRenderer.invoke(IpcChannel.signOut),
    getAccessToken: () => ipcRenderer.invoke(IpcChannel.getAccessToken),
    getRtcConfig: () => ipcRenderer.invoke(IpcChannel.getRtcConfig),
    getPreferences: () => ipcRenderer.invoke(IpcChannel.getPreferences),
    setPreferences: (patch) => ipcRenderer.invoke(IpcChannel.setPreferences, patch),
    onSessionChanged: (listener) =>
      subscribe<SessionInfo | null>(IpcChannel.sessionChanged, listener),
    onJoinRequest: (listener) => subscribe<JoinRequest>(IpcChannel.joinRequest, listener),
    pageReady: () => ipcRenderer.invoke(IpcChannel.pageReady),
  },
  screenShare: {
    getCapabilities: () => ipcRenderer.invoke(IpcChannel.getScreenShareCapabilities),
    listSources: (request) => ipcRenderer.invoke(IpcChannel.listSources, request),
    selectSource: (request) => ipcRenderer.invoke(IpcChannel.selectSource, request),
    clearSelection: () => ipcRenderer.invoke(IpcChannel.clearSelection),
  },
}

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge)
