/**
 * Permissions: denied by default. Each permission Parley grants is in this table with the reason
 * it is needed, and it is granted only to the main frame of Parley's own page, never to anything
 * else that might end up in a webContents.
 */

export const ALLOWED_PERMISSIONS = {
  media: 'Camera and microphone: the point of a call.',
  'display-capture': 'Sharing a screen or a window the person picked.',
  'speaker-selection': 'Playing the call on the output device chosen in the settings (setSinkId).',
  fullscreen: 'Showing a shared screen full screen when the person presses its button.',
  notifications:
    'A system notification for a join or a chat message while the call window is in the background.',
  'clipboard-sanitized-write':
    'Copying the call ID to invite others; write-only, so the page never reads the clipboard.',
  fileSystem:
    'Writing a recording, as it goes, to the one file the person picked in the save dialog; never a folder.',
} as const satisfies Record<string, string>

export type AllowedPermission = keyof typeof ALLOWED_PERMISSIONS

export function isAllowedPermission(permission: string): permission is AllowedPermission {
  return Object.hasOwn(ALLOWED_PERMISSIONS, permission)
}

export interface PermissionRequestDetailsLike {
  requestingUrl?: string
  isMainFrame?: boolean
  mediaTypes?: string[]
  /** For fileSystem: whether the page asks for a whole folder. */
  isDirectory?: boolean
}

export interface PermissionCheckDetailsLike {
  requestingUrl?: string
  isMainFrame?: boolean
  mediaType?: string
}

/** The part of Electron's Session the permission handlers need. */
export interface PermissionSessionLike {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: PermissionRequestDetailsLike,
    ) => void,
  ): void
  setPermissionCheckHandler(
    handler: (
      webContents: unknown,
      permission: string,
      requestingOrigin: string,
      details: PermissionCheckDetailsLike,
    ) => boolean,
  ): void
}

export interface PermissionPolicyDependencies {
  isOwnPage: (url: string) => boolean
  /** The origin of Parley's page, for checks that report only an origin. */
  ownOrigin: string
  log: { warn(message: string, details?: Record<string, unknown>): void }
}

/** The decision for one permission request; exported for the tests. */
export function decidePermission(
  permission: string,
  details: PermissionRequestDetailsLike,
  deps: Pick<PermissionPolicyDependencies, 'isOwnPage'>,
): boolean {
  if (!isAllowedPermission(permission)) return false
  if (details.isMainFrame === false) return false
  if (!details.requestingUrl || !deps.isOwnPage(details.requestingUrl)) return false
  if (permission === 'media') {
    const kinds = details.mediaTypes ?? []
    return kinds.every((kind) => kind === 'audio' || kind === 'video')
  }
  // A file the person picked (the recording's save dialog), never a folder.
  if (permission === 'fileSystem') return details.isDirectory !== true
  return true
}

export function installPermissionHandlers(
  session: PermissionSessionLike,
  deps: PermissionPolicyDependencies,
): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const granted = decidePermission(permission, details, deps)
    if (!granted) {
      deps.log.warn('Permission request denied', { permission, url: details.requestingUrl })
    }
    callback(granted)
  })
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) => {
    if (!isAllowedPermission(permission)) return false
    if (details.isMainFrame === false) return false
    const url = details.requestingUrl ?? requestingOrigin
    return deps.isOwnPage(url) || requestingOrigin === deps.ownOrigin
  })
}
