/**
 * The names that cross the process boundary: the bridge's global and the IPC channels, one per
 * Bridge function or event. Kept free of imports so the sandboxed preload bundle stays small.
 */

/** The global name the preload exposes the bridge under. */
export const BRIDGE_GLOBAL = 'parley'

export const IpcChannel = {
  getServerInfo: 'parley:signaling:get-server-info',
  getSession: 'parley:signaling:get-session',
  signIn: 'parley:signaling:sign-in',
  signOut: 'parley:signaling:sign-out',
  getAccessToken: 'parley:signaling:get-access-token',
  getRtcConfig: 'parley:signaling:get-rtc-config',
  getPreferences: 'parley:signaling:get-preferences',
  setPreferences: 'parley:signaling:set-preferences',
  sessionChanged: 'parley:signaling:session-changed',
  joinRequest: 'parley:signaling:join-request',
  pageReady: 'parley:signaling:page-ready',
  getScreenShareCapabilities: 'parley:screen-share:get-capabilities',
  listSources: 'parley:screen-share:list-sources',
  selectSource: 'parley:screen-share:select-source',
  clearSelection: 'parley:screen-share:clear-selection',
} as const

export type IpcChannelName = (typeof IpcChannel)[keyof typeof IpcChannel]
