/**
 * Every Bridge function, registered through the one IPC wrapper with its shared schema. Events
 * (session changes, join requests) go the other way through `BridgeEventSender`.
 */
import {
  listSourcesRequestSchema,
  preferencesPatchSchema,
  selectSourceRequestSchema,
  serverInfoRequestSchema,
  signInRequestSchema,
  type JoinRequest,
  type SessionInfo,
} from '../../shared/bridge'
import { IpcChannel } from '../../shared/ipc-channels'
import type { RtcConfigService } from '../rtc/rtc-config-service'
import type { SourceBroker } from '../screen-share/source-broker'
import type { SessionService } from '../session/session-service'
import type { SettingsStore } from '../settings/settings-store'
import type { JoinRequestQueue } from '../join-requests/join-request-queue'
import type { IpcHandlerRegistry } from './ipc-handler'

export interface BridgeServices {
  session: SessionService
  rtcConfig: RtcConfigService
  settings: SettingsStore
  sources: SourceBroker
  /** Held join requests go out when the page signals it is ready. */
  joinRequests: Pick<JoinRequestQueue, 'pageReady'>
}

export function registerBridgeHandlers(
  registry: IpcHandlerRegistry,
  services: BridgeServices,
): void {
  const { session, rtcConfig, settings, sources, joinRequests } = services

  registry.handle(IpcChannel.getServerInfo, serverInfoRequestSchema, (request) =>
    session.getServerInfo(request),
  )
  registry.handleNoArgs(IpcChannel.getSession, () => session.getSession())
  registry.handle(IpcChannel.signIn, signInRequestSchema, (request) => session.signIn(request))
  registry.handleNoArgs(IpcChannel.signOut, () => session.signOut())
  registry.handleNoArgs(IpcChannel.getAccessToken, () => session.getAccessToken())
  registry.handleNoArgs(IpcChannel.getRtcConfig, () => rtcConfig.getRtcConfig())
  registry.handleNoArgs(IpcChannel.getPreferences, () => settings.getPreferences())
  registry.handle(IpcChannel.setPreferences, preferencesPatchSchema, (patch) =>
    settings.setPreferences(patch),
  )
  registry.handleNoArgs(IpcChannel.pageReady, () => {
    joinRequests.pageReady()
  })

  registry.handleNoArgs(IpcChannel.getScreenShareCapabilities, () => sources.getCapabilities())
  registry.handle(IpcChannel.listSources, listSourcesRequestSchema, (request) =>
    sources.listSources(request),
  )
  registry.handle(IpcChannel.selectSource, selectSourceRequestSchema, (request) => {
    sources.select(request)
  })
  registry.handleNoArgs(IpcChannel.clearSelection, () => {
    sources.clearSelection()
  })
}

/** The part of webContents events are sent through. */
export interface EventTarget {
  send(channel: string, payload: unknown): void
  isDestroyed(): boolean
}

export interface BridgeEventSender {
  sessionChanged(session: SessionInfo | null): void
  joinRequest(request: JoinRequest): void
}

export function createBridgeEventSender(target: () => EventTarget | null): BridgeEventSender {
  const send = (channel: string, payload: unknown): void => {
    const contents = target()
    if (contents && !contents.isDestroyed()) contents.send(channel, payload)
  }
  return {
    sessionChanged: (session) => send(IpcChannel.sessionChanged, session),
    joinRequest: (request) => send(IpcChannel.joinRequest, request),
  }
}
