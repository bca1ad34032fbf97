/**
 * The body of GET /api/v1/rtc/config. With RTC_TURN_SECRET the TURN credentials follow coturn's
 * REST scheme (`use-auth-secret`): username `<expiry-epoch>:<userId>`, password
 * base64(HMAC-SHA1(secret, username)), so each user gets credentials that stop working on their own.
 */
import { createHmac } from 'node:crypto'
import type { RtcConfigResponse } from '../shared/protocol'
import type { ServerConfig } from './config'

export function turnRestCredential(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64')
}

export function buildRtcConfig(
  config: ServerConfig,
  userId: string,
  nowMs: number = Date.now(),
): RtcConfigResponse {
  const response: RtcConfigResponse = {
    stunUrls: [...config.stunUrls],
    turnUrls: [...config.turnUrls],
    maxParticipants: config.maxParticipants,
  }
  if (config.turnUrls.length === 0) return response
  if (config.turnSecret !== null) {
    const expiresAt = Math.floor(nowMs / 1000) + config.turnCredentialTtlSeconds
    const username = `${expiresAt}:${userId}`
    response.turnUsername = username
    response.turnCredential = turnRestCredential(config.turnSecret, username)
    response.turnCredentialExpiresAt = expiresAt
  } else if (config.turnUsername !== null && config.turnCredential !== null) {
    response.turnUsername = config.turnUsername
    response.turnCredential = config.turnCredential
  }
  return response
}
