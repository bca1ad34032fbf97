/**
 * Step: the bridge's handlers, each behind the one wrapper that checks the sender (the main frame
 * of Parley's page in Parley's window) and parses the arguments; and the events main sends back.
 */
import { ipcMain } from 'electron'
import { createIpcHandlerRegistry, type IpcHandlerRegistry } from '../ipc/ipc-handler'
import {
  createBridgeEventSender,
  registerBridgeHandlers,
  type BridgeEventSender,
  type BridgeServices,
} from '../ipc/register-bridge-handlers'
import { createLogger } from '../log'

export function setupIpc(
  services: BridgeServices,
  window: { current(): Electron.BrowserWindow | null },
  isOwnPage: (url: string) => boolean,
): IpcHandlerRegistry {
  const registry = createIpcHandlerRegistry(
    ipcMain,
    {
      trustedWebContentsId: () => window.current()?.webContents.id ?? null,
      isOwnPage,
    },
    createLogger('ipc'),
  )
  registerBridgeHandlers(registry, services)
  return registry
}

export function bridgeEvents(window: {
  current(): Electron.BrowserWindow | null
}): BridgeEventSender {
  return createBridgeEventSender(() => window.current()?.webContents ?? null)
}
