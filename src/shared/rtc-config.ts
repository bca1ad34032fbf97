/**
 * Maps the backend's RTC config to what `new RTCPeerConnection()` takes. Pure and DOM-free so main
 * (which fetches the config) and the renderer (which uses it) share one mapping.
 */
import type { RtcConfigResponse } from './protocol'

/** Structurally the DOM's RTCIceServer, declared here because shared code sees no DOM types. */
export interface IceServer {
  urls: string | string[]
  username?: string
  credential?: string
}

export interface ClientRtcConfig {
  iceServers: IceServer[]
  iceTransportPolicy: 'all' | 'relay'
  maxParticipants: number | null
  /** Epoch milliseconds after which this config must be fetched again; null: no expiry known. */
  expiresAt: number | null
}

/** Whether any of the servers is a TURN relay: without one, "Always relay" cannot connect. */
export function hasTurnServer(iceServers: readonly IceServer[]): boolean {
  return iceServers.some((server) =>
    [server.urls].flat().some((url) => /^turns?:/i.test(url.trim())),
  )
}

export function toIceServers(config: RtcConfigResponse): IceServer[] {
  const stun = config.stunUrls.map((urls): IceServer => ({ urls }))
  const hasCredentials = config.turnUsername !== undefined && config.turnCredential !== undefined
  const turn = config.turnUrls.map((urls): IceServer =>
    hasCredentials
      ? { urls, username: config.turnUsername, credential: config.turnCredential }
      : { urls },
  )
  return [...stun, ...turn]
}

export function toClientRtcConfig(
  config: RtcConfigResponse,
  options: { alwaysRelay: boolean },
): ClientRtcConfig {
  return {
    iceServers: toIceServers(config),
    iceTransportPolicy: options.alwaysRelay ? 'relay' : 'all',
    maxParticipants: config.maxParticipants ?? null,
    expiresAt:
      config.turnCredentialExpiresAt !== undefined ? config.turnCredentialExpiresAt * 1000 : null,
  }
}
