/**
 * Step: what Parley's page may load and do. The page is served on app:// with a CSP built from the
 * servers it may talk to (rebuilt on every load), the permission table denies by default, and
 * getDisplayMedia is answered only with the source picked in Parley's picker.
 */
import { readFile } from 'node:fs/promises'
import { desktopCapturer, protocol, session as electronSession } from 'electron'
import type { PageOrigin } from '../app-paths'
import { APP_SCHEME } from '../app-paths'
import { createAppProtocolHandler } from '../app-protocol'
import { createLogger } from '../log'
import { createDisplayMediaHandler } from '../screen-share/display-media-handler'
import type { SourceBroker } from '../screen-share/source-broker'
import {
  buildContentSecurityPolicy,
  installContentSecurityPolicy,
  serverOrigins,
} from '../security/content-security-policy'
import { installPermissionHandlers } from '../security/permissions'

export interface ContentSecurity {
  /** True when a server's origins were not in the CSP of the page as it was last loaded. */
  needsReloadFor(serverUrl: string): boolean
}

export function setupContentSecurity(options: {
  page: PageOrigin
  isOwnPage: (url: string) => boolean
  rendererDir: string
  /** The servers the page may connect to now (embedded, configured, signed-in). */
  allowedServers: () => string[]
  sources: SourceBroker
}): ContentSecurity {
  const { page, isOwnPage } = options
  const defaultSession = electronSession.defaultSession
  let originsAtLoad = new Set<string>()
  const contentSecurityPolicy = (): string => {
    const servers = options.allowedServers()
    originsAtLoad = new Set(servers.flatMap(serverOrigins))
    return buildContentSecurityPolicy({
      serverUrls: servers,
      devServerOrigin: page.origin.startsWith('http') ? page.origin : null,
    })
  }

  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({
      rendererDir: options.rendererDir,
      readFile: (path) => readFile(path),
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
      broker: options.sources,
      desktopCapturer,
      platform: process.platform,
      isOwnPage,
      log: createLogger('display-media'),
    }),
  )

  return {
    needsReloadFor: (serverUrl) =>
      serverOrigins(serverUrl).some((origin) => !originsAtLoad.has(origin)),
  }
}
