/**
 * Step: the session and what hangs on it. Main's requests go through Chromium's network stack
 * (net.fetch), so system proxies and certificates apply. At start-up the saved session is
 * restored; on a fresh machine Parley signs in to the embedded server as a guest so it works at
 * once.
 */
import { userInfo } from 'node:os'
import { net } from 'electron'
import { MAX_DISPLAY_NAME_LENGTH } from '../../shared/protocol'
import type { EmbeddedServer } from '../embedded-server'
import type { FetchLike } from '../http-client'
import { createLogger } from '../log'
import { createRtcConfigService, type RtcConfigService } from '../rtc/rtc-config-service'
import { createSessionService, type SessionService } from '../session/session-service'
import type { SecretVault } from '../session/token-vault'
import type { SettingsStore } from '../settings/settings-store'

/** How long start-up waits for the saved session before showing the window anyway. */
const RESTORE_WAIT_MS = 3000

export interface SessionServices {
  session: SessionService
  rtcConfig: RtcConfigService
}

export function setupSession(options: {
  vault: SecretVault
  settings: SettingsStore
  embedded: EmbeddedServer
  serverUrlOverride: string | null
}): SessionServices {
  const fetch: FetchLike = (input, init) => net.fetch(input, init)
  const session = createSessionService({
    fetch,
    vault: options.vault,
    settings: options.settings,
    embeddedServer: options.embedded,
    serverUrlOverride: options.serverUrlOverride,
    log: createLogger('session'),
  })
  const rtcConfig = createRtcConfigService({
    fetch,
    session,
    alwaysRelay: () => options.settings.get().alwaysRelay,
    log: createLogger('rtc-config'),
  })
  session.onChange(() => rtcConfig.invalidate())
  options.settings.onChange(() => rtcConfig.invalidate())
  return { session, rtcConfig }
}

/**
 * Restores the saved session, or signs in to the embedded server as a guest. A slow or unreachable
 * server must not hold the window back: after a short wait this returns, and a restore that
 * finishes later arrives as a session change.
 */
export async function restoreSession(
  session: SessionService,
  options: { settings: SettingsStore; serverUrlOverride: string | null },
): Promise<void> {
  const log = createLogger('session')
  const restoreOrSignIn = async (): Promise<void> => {
    if (await session.restore()) return
    if (options.serverUrlOverride || options.settings.get().serverUrl) return
    try {
      await session.signIn({ username: guestName() })
    } catch (error) {
      log.warn('Guest sign-in to the embedded server failed', { error: String(error) })
    }
  }
  await Promise.race([
    restoreOrSignIn().catch((error: unknown) =>
      log.warn('Session restore failed', { error: String(error) }),
    ),
    new Promise((resolve) => setTimeout(resolve, RESTORE_WAIT_MS)),
  ])
}

function guestName(): string {
  try {
    const name = userInfo().username.trim()
    if (name) return name.slice(0, MAX_DISPLAY_NAME_LENGTH)
  } catch {
    // No user name on this system.
  }
  return 'Guest'
}
