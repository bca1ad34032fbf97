/**
 * The connection of a first offer made ahead (in the lobby): the link that takes it over offers
 * on it, with the sections and channel it already has, and a connection that no longer fits the
 * config or the tracks is not taken.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ClientRtcConfig } from '../../../../src/shared/rtc-config'
import { PeerLink } from '../../../../src/renderer/src/engine/peer-link'
import {
  prepareConnection,
  preparedFits,
} from '../../../../src/renderer/src/engine/prepared-connection'
import { MockRTCPeerConnection, MockTrack, installMockWebRtc, sdpSections } from './mock-rtc'

const config = (): ClientRtcConfig => ({
  iceServers: [],
  iceTransportPolicy: 'all',
  maxParticipants: null,
  expiresAt: null,
})

const asTrack = (track: MockTrack): MediaStreamTrack => track as unknown as MediaStreamTrack

function devices() {
  return { audio: asTrack(new MockTrack('audio')), camera: asTrack(new MockTrack('video')) }
}

const links: PeerLink[] = []

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
  installMockWebRtc()
})

afterEach(() => {
  for (const link of links.splice(0)) link.close()
  vi.useRealTimers()
})

describe('a prepared connection', () => {
  it('holds the first offer’s audio and camera under one stream, and the in-call channel', () => {
    const media = devices()
    const prepared = prepareConnection(config(), media)
    const pc = MockRTCPeerConnection.instances[0]
    expect(MockRTCPeerConnection.instances).toHaveLength(1)
    expect(prepared.pc).toBe(pc)
    expect(pc?.getTransceivers().map((t) => [t.kind, t.direction])).toEqual([
      ['audio', 'sendrecv'],
      ['video', 'sendrecv'],
    ])
    expect(pc?.channels.map((c) => c.label)).toEqual([prepared.channel.label])
    // Nothing was offered: no ICE gathering before a call.
    expect(pc?.localDescription).toBeNull()
  })

  it('is taken over by the link of a first offer, which offers on it and makes no other', async () => {
    const media = devices()
    const rtcConfig = config()
    const prepared = prepareConnection(rtcConfig, media)
    const offers: string[] = []
    const channels: RTCDataChannel[] = []
    const link = new PeerLink({
      selfId: 'a',
      remoteId: 'b',
      rtcConfig,
      tracks: { ...media, screen: null },
      prepared,
      signal: {
        offer: (sdp) => offers.push(sdp) > 0,
        answer: () => true,
        candidate: () => true,
        isUp: () => true,
      },
      onChange: () => undefined,
      onNegotiated: () => undefined,
      canRebuild: () => false,
      onRebuild: () => undefined,
      onDataChannel: (channel) => channels.push(channel),
    })
    links.push(link)
    link.start('offerer')
    await vi.advanceTimersByTimeAsync(0)
    expect(MockRTCPeerConnection.instances).toHaveLength(1)
    expect(channels).toEqual([prepared.channel])
    expect(offers).toHaveLength(1)
    const sections = sdpSections(offers[0] ?? '')
    expect(sections.map((s) => [s.kind, s.direction])).toEqual([
      ['audio', 'sendrecv'],
      ['video', 'sendrecv'],
    ])
    expect(sections.map((s) => s.trackId)).toEqual([media.audio.id, media.camera.id])
    expect(sections[0]?.streamId).toBe(prepared.syncLabel.id)
    expect(sections[1]?.streamId).toBe(prepared.syncLabel.id)
  })

  it('fits only the config and tracks it was made for, and only before any offer', async () => {
    const media = devices()
    const rtcConfig = config()
    const prepared = prepareConnection(rtcConfig, media)
    expect(preparedFits(prepared, rtcConfig, media)).toBe(true)
    // A renewed config (other TURN credentials) is another object.
    expect(preparedFits(prepared, config(), media)).toBe(false)
    expect(preparedFits(prepared, null, media)).toBe(false)
    expect(preparedFits(prepared, rtcConfig, { ...media, camera: null })).toBe(false)
    expect(preparedFits(prepared, rtcConfig, { ...media, audio: devices().audio })).toBe(false)
    await prepared.pc.setLocalDescription(await prepared.pc.createOffer())
    expect(preparedFits(prepared, rtcConfig, media)).toBe(false)
    const closed = prepareConnection(rtcConfig, media)
    closed.pc.close()
    expect(preparedFits(closed, rtcConfig, media)).toBe(false)
  })
})
