import { describe, expect, it } from 'vitest'
import { rtcConfigResponseSchema } from '../../../src/shared/protocol'
import { hasTurnServer, toClientRtcConfig, toIceServers } from '../../../src/shared/rtc-config'

const turnUrls = [
  'turn:turn.test:3478?transport=udp',
  'turn:turn.test:3478?transport=tcp',
  'turns:turn.test:443?transport=tcp',
]

describe('toIceServers', () => {
  it('makes one entry per STUN URL and one per TURN URL with credentials', () => {
    const config = rtcConfigResponseSchema.parse({
      stunUrls: ['stun:stun.test:3478'],
      turnUrls,
      turnUsername: 'u',
      turnCredential: 'p',
    })
    expect(toIceServers(config)).toEqual([
      { urls: 'stun:stun.test:3478' },
      ...turnUrls.map((urls) => ({ urls, username: 'u', credential: 'p' })),
    ])
  })

  it('sends no credentials when the backend gives none', () => {
    const config = rtcConfigResponseSchema.parse({ stunUrls: [], turnUrls })
    expect(toIceServers(config)).toEqual(turnUrls.map((urls) => ({ urls })))
    expect(toIceServers(rtcConfigResponseSchema.parse({}))).toEqual([])
  })
})

describe('toClientRtcConfig', () => {
  it('maps the relay preference, the cap and the credential expiry', () => {
    const config = rtcConfigResponseSchema.parse({
      turnUrls,
      turnUsername: '1700000000:u',
      turnCredential: 'c',
      maxParticipants: 6,
      turnCredentialExpiresAt: 1_700_000_000,
    })
    expect(toClientRtcConfig(config, { alwaysRelay: true })).toMatchObject({
      iceTransportPolicy: 'relay',
      maxParticipants: 6,
      expiresAt: 1_700_000_000_000,
    })
    const plain = toClientRtcConfig(rtcConfigResponseSchema.parse({}), { alwaysRelay: false })
    expect(plain).toEqual({
      iceServers: [],
      iceTransportPolicy: 'all',
      maxParticipants: null,
      expiresAt: null,
    })
  })
})

describe('hasTurnServer', () => {
  it('finds turn: and turns: URLs, alone or in a list', () => {
    expect(hasTurnServer([{ urls: 'stun:127.0.0.1:3478' }])).toBe(false)
    expect(hasTurnServer([])).toBe(false)
    expect(hasTurnServer([{ urls: ['stun:127.0.0.1:1', 'turn:127.0.0.1:3478'] }])).toBe(true)
    expect(hasTurnServer([{ urls: 'TURNS:127.0.0.1:5349' }])).toBe(true)
  })
})
