/**
 * PeerLink's negotiation, driven with recorded SDPs from Chromium (a plain addTrack client and
 * Parley's own offer shape) and werift, on a mock RTCPeerConnection that follows the JSEP states.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { IceCandidate } from '../../../../src/shared/protocol'
import type { ErrorPhrase } from '../../../../src/renderer/src/engine/call-engine-api'
import { PeerLink, type LocalTracks } from '../../../../src/renderer/src/engine/peer-link'
import { WarmOffer, type TakenOffer } from '../../../../src/renderer/src/engine/warm-offer'
import {
  MockRTCPeerConnection,
  MockTrack,
  installMockWebRtc,
  sdpSections,
  type SdpSection,
} from './mock-rtc'
import chromiumPlainAudioVideoOffer from './fixtures/chromium-plain-audio-video-offer.sdp?raw'
import chromiumPlainAudioOnlyOffer from './fixtures/chromium-plain-audio-only-offer.sdp?raw'
import chromiumPlainVideoOnlyOffer from './fixtures/chromium-plain-video-only-offer.sdp?raw'
import chromiumPlainVideoAudioDataOffer from './fixtures/chromium-plain-video-audio-data-offer.sdp?raw'
import chromiumPlainTwoVideosOffer from './fixtures/chromium-plain-two-videos-offer.sdp?raw'
import chromiumParleyOffer from './fixtures/chromium-parley-offer.sdp?raw'
import chromiumPlainAnswerToParley from './fixtures/chromium-plain-answer-to-parley.sdp?raw'
import weriftAudioVideoOffer from './fixtures/werift-audio-video-offer.sdp?raw'

const recorded: Record<string, string> = {
  'chromium-plain-audio-video-offer': chromiumPlainAudioVideoOffer,
  'chromium-plain-audio-only-offer': chromiumPlainAudioOnlyOffer,
  'chromium-plain-video-only-offer': chromiumPlainVideoOnlyOffer,
  'chromium-plain-video-audio-data-offer': chromiumPlainVideoAudioDataOffer,
  'chromium-plain-two-videos-offer': chromiumPlainTwoVideosOffer,
  'chromium-parley-offer': chromiumParleyOffer,
  'chromium-plain-answer-to-parley': chromiumPlainAnswerToParley,
  'werift-audio-video-offer': weriftAudioVideoOffer,
}

const fixture = (name: string): string => {
  const sdp = recorded[name]
  if (sdp === undefined) throw new Error(`no recorded SDP named ${name}`)
  return sdp
}

const asTrack = (track: MockTrack): MediaStreamTrack => track as unknown as MediaStreamTrack

interface Harness {
  link: PeerLink
  pc: MockRTCPeerConnection
  offers: string[]
  answers: string[]
  candidates: RTCIceCandidateInit[]
  rebuilds: (ErrorPhrase | null)[]
  signaling: { up: boolean }
  /** What the engine's <video> of the link's camera has shown (the framesShown option). */
  video: { frames: number | null }
}

const open: PeerLink[] = []

function makeLink(options: {
  selfId: string
  remoteId: string
  tracks?: Partial<LocalTracks>
  canRebuild?: boolean
  warmOffer?: TakenOffer
  /** Every offer and candidate sent, in order: 'offer' or the candidate line. */
  sent?: string[]
}): Harness {
  const offers: string[] = []
  const answers: string[] = []
  const candidates: RTCIceCandidateInit[] = []
  const rebuilds: (ErrorPhrase | null)[] = []
  const signaling = { up: true }
  const video: { frames: number | null } = { frames: null }
  const link = new PeerLink({
    selfId: options.selfId,
    remoteId: options.remoteId,
    rtcConfig: {
      iceServers: [],
      iceTransportPolicy: 'all',
      maxParticipants: null,
      expiresAt: null,
    },
    tracks: { audio: null, camera: null, screen: null, ...options.tracks },
    warmOffer: options.warmOffer,
    signal: {
      offer: (sdp) => {
        if (!signaling.up) return false
        options.sent?.push('offer')
        offers.push(sdp)
        return true
      },
      answer: (sdp) => signaling.up && answers.push(sdp) > 0,
      candidate: (candidate) => {
        if (!signaling.up) return false
        options.sent?.push(candidate.candidate ?? '')
        candidates.push(candidate)
        return true
      },
      isUp: () => signaling.up,
    },
    onChange: () => undefined,
    onNegotiated: () => undefined,
    framesShown: () => video.frames,
    canRebuild: () => options.canRebuild ?? false,
    onRebuild: (reason) => rebuilds.push(reason),
  })
  open.push(link)
  const pc = MockRTCPeerConnection.instances.at(-1)
  if (!pc) throw new Error('PeerLink made no RTCPeerConnection')
  return { link, pc, offers, answers, candidates, rebuilds, signaling, video }
}

function devices(): { audio: MockTrack; camera: MockTrack } {
  return { audio: new MockTrack('audio'), camera: new MockTrack('video') }
}

function withTracks(media: { audio: MockTrack | null; camera: MockTrack | null }) {
  return {
    audio: media.audio ? asTrack(media.audio) : null,
    camera: media.camera ? asTrack(media.camera) : null,
  }
}

const settle = (ms = 0): Promise<void> => vi.advanceTimersByTimeAsync(ms).then(() => undefined)

const sends = (section: SdpSection | undefined): boolean =>
  section?.direction === 'sendrecv' || section?.direction === 'sendonly'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
  installMockWebRtc()
})

afterEach(() => {
  for (const link of open.splice(0)) link.close()
  vi.useRealTimers()
})

describe('answering offers of any shape', () => {
  const shapes = [
    'chromium-plain-audio-video-offer',
    'chromium-plain-audio-only-offer',
    'chromium-plain-video-only-offer',
    'chromium-plain-video-audio-data-offer',
    'chromium-plain-two-videos-offer',
    'chromium-parley-offer',
    'werift-audio-video-offer',
  ]

  for (const shape of shapes) {
    it(`${shape}: microphone on the first audio section, camera on the first video, one stream id`, async () => {
      const media = devices()
      const h = makeLink({ selfId: 'b', remoteId: 'a', tracks: withTracks(media) })
      h.link.start('answerer')
      const offer = fixture(shape)
      await h.link.handleDescription({ type: 'offer', sdp: offer })
      await settle()

      expect(h.answers).toHaveLength(1)
      const offered = sdpSections(offer)
      const answered = sdpSections(h.answers[0] ?? '')
      expect(answered.map((s) => s.mid)).toEqual(offered.map((s) => s.mid))

      const firstAudio = offered.findIndex((s) => s.kind === 'audio')
      const firstVideo = offered.findIndex((s) => s.kind === 'video')
      answered.forEach((section, index) => {
        if (section.kind === 'application') return
        const ours = index === firstAudio || index === firstVideo
        // Only our two devices go out; any other section only receives.
        expect(sends(section), `section ${index} (${section.kind})`).toBe(ours)
      })
      const ourSections = answered.filter((s) => s.kind !== 'application' && sends(s))
      const sentTracks = ourSections.map((s) => s.trackId)
      const expected = [
        firstAudio >= 0 ? media.audio.id : null,
        firstVideo >= 0 ? media.camera.id : null,
      ].filter((id) => id !== null)
      expect(sentTracks.sort()).toEqual(expected.sort())
      // Lip sync: audio and camera under one stream id.
      expect(new Set(ourSections.map((s) => s.streamId)).size).toBe(1)
      // The offer left the DTLS role to us: we take the server role.
      expect(h.answers[0]).toMatch(/^a=setup:passive\r?$/m)
    })
  }

  it('a remote track that came without a stream still reaches the tile', async () => {
    const h = makeLink({ selfId: 'b', remoteId: 'a', tracks: withTracks(devices()) })
    h.link.start('answerer')
    // werift's offer has no a=msid: its tracks arrive without a stream.
    await h.link.handleDescription({ type: 'offer', sdp: fixture('werift-audio-video-offer') })
    await settle()
    const received = h.pc.getTransceivers().map((t) => t.receiver.track)
    const stream = h.link.cameraStream as unknown as { getTracks(): MockTrack[] } | null
    expect(stream?.getTracks().sort()).toEqual(received.sort())
  })

  it('answers without devices: receives what the peer sends and sends nothing', async () => {
    const h = makeLink({ selfId: 'b', remoteId: 'a' })
    h.link.start('answerer')
    await h.link.handleDescription({
      type: 'offer',
      sdp: fixture('chromium-plain-audio-video-offer'),
    })
    await settle()
    const answered = sdpSections(h.answers[0] ?? '')
    expect(answered.map((s) => s.direction)).toEqual(['recvonly', 'recvonly'])
  })
})

describe("Parley's own offers", () => {
  it('the first offer has audio and camera, each with a track under one stream, and nothing else', async () => {
    const media = devices()
    const h = makeLink({ selfId: 'a', remoteId: 'b', tracks: withTracks(media) })
    h.link.start('offerer')
    // Offered at once, before any negotiationneeded task ran.
    expect(h.offers).toHaveLength(0)
    await Promise.resolve()
    await settle()
    expect(h.offers).toHaveLength(1)
    const sections = sdpSections(h.offers[0] ?? '')
    expect(sections.map((s) => [s.kind, s.direction])).toEqual([
      ['audio', 'sendrecv'],
      ['video', 'sendrecv'],
    ])
    expect(sections.map((s) => s.trackId)).toEqual([media.audio.id, media.camera.id])
    expect(sections[0]?.streamId).not.toBeNull()
    expect(sections[0]?.streamId).toBe(sections[1]?.streamId)
  })

  it('without a camera the offer still receives video; turning the camera on later sends it', async () => {
    const media = devices()
    const h = makeLink({
      selfId: 'a',
      remoteId: 'b',
      tracks: withTracks({ audio: media.audio, camera: null }),
    })
    h.link.start('offerer')
    await settle()
    expect(sdpSections(h.offers[0] ?? '').map((s) => s.direction)).toEqual(['sendrecv', 'recvonly'])

    // A plain client answers with its own media.
    await h.link.handleDescription({ type: 'answer', sdp: answerFor(h.offers[0] ?? '') })
    await settle()
    await h.link.setTrack('camera', asTrack(media.camera))
    await settle()
    expect(h.offers).toHaveLength(2)
    const video = sdpSections(h.offers[1] ?? '').find((s) => s.kind === 'video')
    expect(video?.direction).toBe('sendrecv')
    expect(video?.trackId).toBe(media.camera.id)
  })

  it('a screen share is one more section with its own stream, added on start and stopped on stop', async () => {
    const media = devices()
    const h = makeLink({ selfId: 'a', remoteId: 'b', tracks: withTracks(media) })
    h.link.start('offerer')
    await settle()
    await h.link.handleDescription({ type: 'answer', sdp: answerFor(h.offers[0] ?? '') })
    await settle()

    const screen = new MockTrack('video')
    await h.link.setTrack('screen', asTrack(screen))
    await settle()
    expect(h.offers).toHaveLength(2)
    const shared = sdpSections(h.offers[1] ?? '')
    expect(shared).toHaveLength(3)
    expect(shared[2]).toMatchObject({ kind: 'video', direction: 'sendonly', trackId: screen.id })
    expect(shared[2]?.streamId).not.toBe(shared[0]?.streamId)
    await h.link.handleDescription({ type: 'answer', sdp: answerFor(h.offers[1] ?? '') })
    await settle()

    await h.link.setTrack('screen', null)
    await settle()
    expect(h.offers).toHaveLength(3)
    const stopped = sdpSections(h.offers[2] ?? '')
    expect(stopped[2]?.rejected).toBe(true)
  })
})

describe('an offer made ahead, in the lobby', () => {
  const config = {
    iceServers: [],
    iceTransportPolicy: 'all' as const,
    maxParticipants: null,
    expiresAt: null,
  }
  const HOST = 'candidate:1 1 udp 2122260223 192.168.1.2 50000 typ host'

  it('goes out the moment the link starts, on the same connection, and its candidates after it', async () => {
    const media = devices()
    const warm = new WarmOffer(config, withTracks(media))
    const made = MockRTCPeerConnection.instances.at(-1)
    await settle()
    // Gathered while the person was still in the lobby.
    made?.gather(HOST)
    made?.gather(null)

    const sent: string[] = []
    const h = makeLink({
      selfId: 'a',
      remoteId: 'b',
      tracks: withTracks(media),
      warmOffer: warm.take(),
      sent,
    })
    expect(h.pc).toBe(made)
    h.link.start('offerer')
    await Promise.resolve()
    expect(sent).toEqual(['offer', HOST])
    expect(h.offers[0]).toBe(made?.localDescription?.sdp)
    const sections = sdpSections(h.offers[0] ?? '')
    expect(sections.map((section) => [section.kind, section.trackId])).toEqual([
      ['audio', media.audio.id],
      ['video', media.camera.id],
    ])
    expect(sections[0]?.streamId).toBe(sections[1]?.streamId)

    // The answer completes it as any first offer's would; no second offer is made.
    await h.link.handleDescription({ type: 'answer', sdp: answerFor(h.offers[0] ?? '') })
    await settle()
    expect(h.pc.signalingState).toBe('stable')
    expect(h.offers).toHaveLength(1)
    expect(MockRTCPeerConnection.instances).toHaveLength(1)
  })

  it('suits only the tracks and configuration it was made with, and only once', () => {
    const media = devices()
    const tracks = { ...withTracks(media), screen: null }
    const warm = new WarmOffer(config, tracks)
    expect(warm.suits(config, tracks)).toBe(true)
    expect(warm.suits(config, { ...tracks, camera: null })).toBe(false)
    expect(warm.suits(config, { ...tracks, audio: asTrack(new MockTrack('audio')) })).toBe(false)
    expect(warm.suits(config, { ...tracks, screen: asTrack(new MockTrack('video')) })).toBe(false)
    expect(warm.suits({ ...config, iceTransportPolicy: 'relay' }, tracks)).toBe(false)
    warm.take()
    expect(warm.suits(config, tracks)).toBe(false)
  })

  it('closed when no longer needed, and never after a link took it', () => {
    const first = new WarmOffer(config, withTracks(devices()))
    first.close()
    expect(MockRTCPeerConnection.instances.at(-1)?.closed).toBe(true)
    const second = new WarmOffer(config, withTracks(devices()))
    second.take()
    second.close()
    expect(MockRTCPeerConnection.instances.at(-1)?.closed).toBe(false)
  })
})

describe('two Parley links', () => {
  /** Wires two links together through a signaling stand-in that delivers asynchronously. */
  function pair(): { a: Harness; b: Harness; pump(): Promise<void> } {
    const a = makeLink({ selfId: 'a', remoteId: 'b', tracks: withTracks(devices()) })
    const b = makeLink({ selfId: 'b', remoteId: 'a', tracks: withTracks(devices()) })
    const delivered = { a: { offers: 0, answers: 0 }, b: { offers: 0, answers: 0 } }
    const pump = async (): Promise<void> => {
      for (let round = 0; round < 10; round++) {
        let moved = false
        for (const [from, to, key] of [
          [a, b, 'a'],
          [b, a, 'b'],
        ] as const) {
          const seen = delivered[key]
          while (seen.offers < from.offers.length) {
            moved = true
            await to.link.handleDescription({
              type: 'offer',
              sdp: from.offers[seen.offers++] ?? '',
            })
          }
          while (seen.answers < from.answers.length) {
            moved = true
            await to.link.handleDescription({
              type: 'answer',
              sdp: from.answers[seen.answers++] ?? '',
            })
          }
        }
        await settle()
        if (!moved) return
      }
    }
    return { a, b, pump }
  }

  /** A pair whose first offer and answer have gone across: both stable, not yet connected. */
  async function negotiatedPair() {
    const linked = pair()
    linked.a.link.start('offerer')
    linked.b.link.start('answerer')
    await settle()
    await linked.pump()
    return linked
  }

  it('the remote screen share shows as a second stream and goes away on stop', async () => {
    const { a, b, pump } = await negotiatedPair()
    expect(a.pc.signalingState).toBe('stable')
    expect(b.link.screenStream).toBeNull()

    const screen = new MockTrack('video')
    await b.link.setTrack('screen', asTrack(screen))
    await settle()
    await pump()
    const seen = a.link.screenStream as unknown as { getTracks(): MockTrack[] } | null
    expect(seen?.getTracks()).toHaveLength(1)
    // The camera stream is untouched by the share.
    expect(
      (a.link.cameraStream as unknown as { getTracks(): MockTrack[] }).getTracks(),
    ).toHaveLength(2)

    await b.link.setTrack('screen', null)
    await settle()
    await pump()
    expect(a.link.screenStream).toBeNull()
  })

  it('bitrate caps asked for before the answer wait for it, then land without a refused write', async () => {
    const warn = vi.spyOn(console, 'warn')
    const { a, b, pump } = pair()
    a.link.start('offerer')
    b.link.start('answerer')
    const camera = a.pc.getTransceivers().find((t) => t.sender.track?.kind === 'video')
    if (!camera) throw new Error('the offer has no camera section')
    // The engine asks as soon as the link exists: nothing is written before the offer is out.
    await a.link.applyBitrates(800_000, 1_500_000)
    expect(camera.sender.setParametersCalls).toBe(0)

    await settle()
    await pump()
    expect(a.pc.signalingState).toBe('stable')
    // onNegotiated asks again once stable: still nothing while the first setup runs.
    await a.link.applyBitrates(800_000, 1_500_000)
    expect(camera.sender.setParametersCalls).toBe(0)
    // A moment after the first connection the caps land, asked for again or not; the write reads
    // the RTCP parameters it writes back.
    a.pc.setConnectionState('connected')
    await vi.advanceTimersByTimeAsync(299)
    expect(camera.sender.setParametersCalls).toBe(0)
    await vi.advanceTimersByTimeAsync(1)
    await settle()
    expect(camera.sender.maxBitrates).toEqual([800_000])
    // The same caps again write nothing.
    const calls = camera.sender.setParametersCalls
    await a.link.applyBitrates(800_000, 1_500_000)
    expect(camera.sender.setParametersCalls).toBe(calls)
    expect(warn.mock.calls.map((call) => String(call[0]))).not.toContain(
      '[parley] could not tune a sender',
    )
    warn.mockRestore()
  })

  /** A negotiated pair whose offerer was asked for caps (not yet written: not connected). */
  async function negotiatedWithCaps() {
    const { a } = await negotiatedPair()
    const camera = a.pc.getTransceivers().find((t) => t.sender.track?.kind === 'video')
    if (!camera) throw new Error('the offer has no camera section')
    await a.link.applyBitrates(800_000, 1_500_000)
    return { a, camera }
  }

  it('the camera goes out at the size the peer shows it, once caps are due, and a new camera is scaled anew', async () => {
    const { a, camera } = await negotiatedWithCaps()
    // Told before the link has been connected a moment: nothing is written during setup.
    await a.link.showCameraAt({ width: 472, height: 265 })
    expect(camera.sender.setParametersCalls).toBe(0)
    a.pc.setConnectionState('connected')
    await vi.advanceTimersByTimeAsync(300)
    await settle()
    // 640x480 covering a 472x265 tile: 474x356, caps and scale in one write.
    expect(camera.sender.scalesDownBy).toEqual([1.35])
    expect(camera.sender.maxBitrates).toEqual([800_000])
    expect(camera.sender.setParametersCalls).toBe(1)

    // A pinned tile larger than the camera: its own size, never up.
    await a.link.showCameraAt({ width: 1280, height: 720 })
    expect(camera.sender.scalesDownBy).toEqual([1])
    // Not shown at all: the least, still sending.
    await a.link.showCameraAt({ width: 0, height: 0 })
    expect(camera.sender.scalesDownBy).toEqual([4])

    // A 1280x720 camera in the same 472x265 tile.
    await a.link.showCameraAt({ width: 472, height: 265 })
    const hd = new MockTrack('video')
    hd.settings = { width: 1280, height: 720 }
    await a.link.setTrack('camera', asTrack(hd))
    expect(camera.sender.scalesDownBy).toEqual([2.71])
  })

  it('a peer that never says how it shows us gets the camera at its own size', async () => {
    const { a, camera } = await negotiatedWithCaps()
    a.pc.setConnectionState('connected')
    await vi.advanceTimersByTimeAsync(1_000)
    await settle()
    expect(camera.sender.maxBitrates).toEqual([800_000])
    expect(camera.sender.scalesDownBy).toEqual([undefined])
  })

  it('caps it already holds read no sender again; a screen shared later gets its cap when negotiated', async () => {
    const { b, pump } = await negotiatedPair()
    await b.link.applyBitrates(800_000, 1_500_000)
    b.pc.setConnectionState('connected')
    await settle(1_000)
    const sent = (kind: 'camera' | 'screen') =>
      b.pc
        .getTransceivers()
        .filter((t) => t.sender.track?.kind === 'video')
        .at(kind === 'camera' ? 0 : 1)?.sender
    const camera = sent('camera')
    expect(camera?.maxBitrates).toEqual([800_000])
    // The engine asks again (someone joined and left, say): nothing is read.
    const reads = camera?.getParametersCalls
    await b.link.applyBitrates(800_000, 1_500_000)
    expect(camera?.getParametersCalls).toBe(reads)

    // The share's sender comes with its negotiation, after the caps were written: the link caps
    // it itself, the engine asks nothing.
    await b.link.setTrack('screen', asTrack(new MockTrack('video')))
    await settle()
    await pump()
    expect(b.pc.signalingState).toBe('stable')
    expect(sent('screen')?.maxBitrates).toEqual([1_500_000])
  })

  it('glare: both offer at once, the polite side rolls back, and both end stable with one answer each way', async () => {
    const { a, b, pump } = pair()
    a.link.start('offerer')
    b.link.start('offerer')
    await settle()
    expect(a.offers).toHaveLength(1)
    expect(b.offers).toHaveLength(1)
    await pump()
    expect(a.pc.signalingState).toBe('stable')
    expect(b.pc.signalingState).toBe('stable')
    // 'a' < 'b': a is polite, answered b's offer.
    expect(a.answers.length).toBeGreaterThanOrEqual(1)
    expect(a.pc.remoteDescription).not.toBeNull()
    expect(b.pc.remoteDescription).not.toBeNull()
  })
})

describe('a collision against an answer that is only slow', () => {
  /** b (impolite) and a (polite) both offered; a's offer reached b and was ignored. */
  async function collided(): Promise<{ a: Harness; b: Harness }> {
    const a = makeLink({ selfId: 'a', remoteId: 'b', tracks: withTracks(devices()) })
    const b = makeLink({ selfId: 'b', remoteId: 'a', tracks: withTracks(devices()) })
    a.link.start('offerer')
    b.link.start('offerer')
    await settle()
    await b.link.handleDescription({ type: 'offer', sdp: a.offers[0] ?? '' })
    expect(b.pc.signalingState).toBe('have-local-offer')
    return { a, b }
  }

  it('the impolite side never takes its offer back while the polite side is answering it', async () => {
    const { a, b } = await collided()
    // a rolls back and answers b's offer, but its answer is held up (a loaded machine) for
    // longer than the first wait: b sends its offer again instead of yielding.
    await a.link.handleDescription({ type: 'offer', sdp: b.offers[0] ?? '' })
    expect(a.answers).toHaveLength(1)
    await settle(2_000)
    expect(b.offers).toHaveLength(2)
    expect(b.offers[1]).toBe(b.offers[0])
    // The copy reaches a, which answers it again, the same answer.
    await a.link.handleDescription({ type: 'offer', sdp: b.offers[1] ?? '' })
    expect(a.answers[1]).toBe(a.answers[0])
    await b.link.handleDescription({ type: 'answer', sdp: a.answers[0] ?? '' })
    // One negotiation, b's offer with a's answer; b answered nothing. (What a then offers of its
    // own is a new negotiation, not delivered here.)
    expect(b.pc.currentRemoteDescription?.sdp).toBe(a.answers[0])
    expect(a.pc.currentRemoteDescription?.sdp).toBe(b.offers[0])
    await settle(10_000)
    expect(b.answers).toHaveLength(0)
    expect([...a.rebuilds, ...b.rebuilds]).toHaveLength(0)
  })

  it('a candidate of another ICE generation than their offer means they rolled it back: no yield', async () => {
    const { b } = await collided()
    await b.link.handleCandidate({
      candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host generation 0 ufrag after',
      sdpMid: '0',
      sdpMLineIndex: 0,
      usernameFragment: 'after',
    })
    // However long their answer takes, b keeps its offer (the re-send ladder repeats it).
    await settle(9_000)
    expect(b.pc.signalingState).toBe('have-local-offer')
    expect(b.answers).toHaveLength(0)
    expect(b.offers.every((offer) => offer === b.offers[0])).toBe(true)
  })

  it('a candidate of their ignored offer itself changes nothing: the wait goes on to the yield', async () => {
    const { a, b } = await collided()
    const ufrag = /^a=ice-ufrag:(\S+)/m.exec(a.offers[0] ?? '')?.[1]
    expect(ufrag).toBeDefined()
    await b.link.handleCandidate({
      candidate: `candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host generation 0 ufrag ${ufrag}`,
      sdpMid: '0',
      sdpMLineIndex: 0,
      usernameFragment: ufrag ?? null,
    })
    await settle(5_000)
    expect(b.answers).toHaveLength(1)
    expect(b.pc.remoteDescription?.sdp).toBe(a.offers[0])
  })
})

/** An offering link that may ask for a fresh link, its first offer out. */
async function offeringWithRebuilds(): Promise<Harness> {
  const h = makeLink({
    selfId: 'a',
    remoteId: 'b',
    tracks: withTracks(devices()),
    canRebuild: true,
  })
  h.link.start('offerer')
  await settle()
  return h
}

describe('peers that do not do perfect negotiation', () => {
  it('a colliding offer from a peer that never rolls back is answered after a short wait', async () => {
    // 'b' > 'a': this side is impolite and ignores the collision at first.
    const h = makeLink({ selfId: 'b', remoteId: 'a', tracks: withTracks(devices()) })
    h.link.start('offerer')
    await settle()
    expect(h.pc.signalingState).toBe('have-local-offer')
    await h.link.handleDescription({
      type: 'offer',
      sdp: fixture('chromium-plain-audio-video-offer'),
    })
    expect(h.answers).toHaveLength(0)
    // First our offer again, in case theirs was only slow to answer it.
    await settle(2_000)
    expect(h.answers).toHaveLength(0)
    expect(h.offers).toHaveLength(2)
    expect(h.offers[1]).toBe(h.offers[0])
    // Still no answer: they never roll back, so we do, and answer theirs.
    await settle(3_000)
    expect(h.answers).toHaveLength(1)
    expect(h.pc.currentRemoteDescription?.sdp).toBe(fixture('chromium-plain-audio-video-offer'))
    expect(sdpSections(h.answers[0] ?? '').map((s) => s.direction)).toEqual([
      'sendrecv',
      'sendrecv',
    ])
  })

  it('an offer nobody answers is sent again', async () => {
    const h = makeLink({ selfId: 'a', remoteId: 'b', tracks: withTracks(devices()) })
    h.link.start('offerer')
    await settle()
    expect(h.offers).toHaveLength(1)
    await settle(5_500)
    expect(h.offers).toHaveLength(2)
    expect(h.offers[1]).toBe(h.offers[0])
    // An answer, even to the first copy, settles it: no more copies.
    await h.link.handleDescription({
      type: 'answer',
      sdp: fixture('chromium-plain-answer-to-parley'),
    })
    await settle(30_000)
    expect(h.offers.filter((o) => o === h.offers[0])).toHaveLength(2)
  })

  it('a copy of an answer to an earlier offer is set aside: no fresh link, and the pending offer still gets its own', async () => {
    const h = await offeringWithRebuilds()
    // Our first offer was sent twice (their answer was slow); its answer came.
    await settle(5_500)
    expect(h.offers).toHaveLength(2)
    const first = answerFor(h.offers[0] ?? '')
    await h.link.handleDescription({ type: 'answer', sdp: first })
    await settle()
    // A screen share offers one more section; meanwhile their copy of the first answer arrives.
    await h.link.setTrack('screen', asTrack(new MockTrack('video')))
    await settle()
    expect(h.offers).toHaveLength(3)
    await h.link.handleDescription({ type: 'answer', sdp: first })
    await settle()
    expect(h.rebuilds).toEqual([])
    expect(h.pc.signalingState).toBe('have-local-offer')
    await h.link.handleDescription({ type: 'answer', sdp: answerFor(h.offers[2] ?? '') })
    await settle()
    expect(h.pc.signalingState).toBe('stable')
    expect(h.rebuilds).toEqual([])
  })

  it('an answer with other sections than our offer that is no copy of an applied one: a fresh link, with the reason', async () => {
    const h = await offeringWithRebuilds()
    const offered = sdpSections(h.offers[0] ?? '')
    const fewer = answerFor(h.offers[0] ?? '').split(/^(?=m=)/m)
    // Their answer leaves out our last section: nothing to wait for, it is their answer.
    await h.link.handleDescription({ type: 'answer', sdp: fewer.slice(0, -1).join('') })
    await settle()
    expect(offered.length).toBeGreaterThan(1)
    expect(h.rebuilds).toEqual([expect.objectContaining({ key: 'linkProblems.answerUnusable' })])
  })

  it('a copy of an offer already answered gets the same answer, not a second negotiation', async () => {
    const h = makeLink({ selfId: 'b', remoteId: 'a', tracks: withTracks(devices()) })
    h.link.start('answerer')
    const offer = fixture('chromium-plain-audio-video-offer')
    await h.link.handleDescription({ type: 'offer', sdp: offer })
    await h.link.handleDescription({ type: 'offer', sdp: offer })
    expect(h.answers).toHaveLength(2)
    expect(h.answers[1]).toBe(h.answers[0])
    // Still the DTLS server.
    expect(h.answers[1]).toMatch(/^a=setup:passive\r?$/m)
  })

  it('later answers keep the DTLS server role the first answer took', async () => {
    const h = makeLink({ selfId: 'b', remoteId: 'a', tracks: withTracks(devices()) })
    h.link.start('answerer')
    await h.link.handleDescription({
      type: 'offer',
      sdp: fixture('chromium-plain-audio-video-offer'),
    })
    const renegotiation = fixture('chromium-plain-audio-video-offer').replace(
      /^(o=\S+ \d+) (\d+)/m,
      (_, head: string, version: string) => `${head} ${Number(version) + 1}`,
    )
    await h.link.handleDescription({ type: 'offer', sdp: renegotiation })
    expect(h.answers).toHaveLength(2)
    expect(h.answers[1]).not.toBe(h.answers[0])
    expect(h.answers[1]).toMatch(/^a=setup:passive\r?$/m)
  })

  it('an offer the browser refuses: a fresh link is asked for, with the reason', async () => {
    const h = makeLink({ selfId: 'b', remoteId: 'a', canRebuild: true })
    h.link.start('answerer')
    MockRTCPeerConnection.failNextRemoteDescription = new Error('codec collision')
    await h.link.handleDescription({ type: 'offer', sdp: fixture('werift-audio-video-offer') })
    expect(h.rebuilds).toHaveLength(1)
    expect(h.rebuilds[0]).toEqual({
      key: 'linkProblems.offerUnusable',
      values: { detail: 'codec collision' },
    })
  })

  it('an offer the browser refuses with no rebuild left: the tile says failed, and why', async () => {
    const h = makeLink({ selfId: 'b', remoteId: 'a', canRebuild: false })
    h.link.start('answerer')
    MockRTCPeerConnection.failNextRemoteDescription = new Error('codec collision')
    await h.link.handleDescription({ type: 'offer', sdp: fixture('werift-audio-video-offer') })
    expect(h.link.link).toBe('failed')
    expect(h.link.failureReason).toEqual({
      key: 'linkProblems.offerUnusable',
      values: { detail: 'codec collision' },
    })
    expect(h.answers).toHaveLength(0)
  })
})

describe('remote candidates', () => {
  const line = 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host'

  it('every form is applied once the offer is in, and the end of candidates is not an error', async () => {
    const h = makeLink({ selfId: 'b', remoteId: 'a' })
    h.link.start('answerer')
    const forms: IceCandidate[] = [
      { candidate: line, sdpMid: '0', sdpMLineIndex: 0, usernameFragment: null },
      line,
      `a=${line}`,
      { candidate: line, sdpMLineIndex: 1 },
      { candidate: line },
      '',
      null,
      { candidate: '' },
    ]
    // Before the offer: held.
    for (const form of forms) await h.link.handleCandidate(form)
    expect(h.pc.candidates).toHaveLength(0)
    await h.link.handleDescription({
      type: 'offer',
      sdp: fixture('chromium-plain-audio-video-offer'),
    })
    expect(h.pc.candidates).toEqual([
      { candidate: line, sdpMid: '0', sdpMLineIndex: 0 },
      { candidate: line, sdpMLineIndex: 0 },
      { candidate: line, sdpMLineIndex: 0 },
      { candidate: line, sdpMLineIndex: 1 },
      { candidate: line, sdpMLineIndex: 0 },
    ])
    // After the offer: applied at once.
    await h.link.handleCandidate(line)
    expect(h.pc.candidates).toHaveLength(6)
  })
})

describe('health', () => {
  async function connectedOfferer(selfId: string, remoteId: string): Promise<Harness> {
    const h = makeLink({ selfId, remoteId, tracks: withTracks(devices()) })
    h.link.start('offerer')
    await settle()
    await h.link.handleDescription({
      type: 'answer',
      sdp: fixture('chromium-plain-answer-to-parley'),
    })
    h.pc.setConnectionState('connected')
    return h
  }

  it('connected but receiving nothing is not shown as connected, and ICE is restarted', async () => {
    // 'b' > 'a': impolite, restarts at once.
    const h = await connectedOfferer('b', 'a')
    expect(h.link.link).toBe('connected')
    // The link looks twice a second. Nothing ever received (a peer without devices): no stall.
    await settle(4_000)
    expect(h.link.link).toBe('connected')
    h.pc.receivedBytes = 1_000
    // The first look sees it arrive, the next two see nothing more: not yet a stall.
    await settle(1_500)
    expect(h.link.link).toBe('connected')
    // A third quiet look (a second and a half of nothing) is.
    await settle(500)
    expect(h.link.link).toBe('recovering')
    expect(h.pc.restartCount).toBe(1)
    // Media flows again: connected again.
    h.pc.receivedBytes = 5_000
    await settle(500)
    expect(h.link.link).toBe('connected')
  })

  /** Their camera shows for `ms`: a dozen frames within every half-second look. */
  async function playMedia(h: Harness, ms: number): Promise<void> {
    for (let elapsed = 0; elapsed < ms; elapsed += 500) {
      h.video.frames = (h.video.frames ?? 0) + 12
      await settle(500)
    }
  }

  it('frames that show need no stats report; when they stop and nothing else arrives, a stall', async () => {
    const h = await connectedOfferer('b', 'a')
    h.pc.receivedBytes = 1_000
    await playMedia(h, 5_000)
    expect(h.link.link).toBe('connected')
    expect(h.pc.statsCalls).toBe(0)
    // The path dies: no frame shows, and the transport's count stands still. The first look is
    // quiet for its frames and takes the count, the next two find it unchanged: a stall after
    // three looks, as when every look read a stats report.
    await settle(1_000)
    expect(h.link.link).toBe('connected')
    await settle(500)
    expect(h.link.link).toBe('recovering')
    expect(h.pc.restartCount).toBe(1)
    expect(h.pc.statsCalls).toBe(3)
    // Frames show again: connected again, at the first look.
    await playMedia(h, 500)
    expect(h.link.link).toBe('connected')
  })

  it('a person who mutes with the camera off is no stall: their RTCP still arrives', async () => {
    const h = await connectedOfferer('b', 'a')
    h.pc.receivedBytes = 1_000
    await playMedia(h, 2_000)
    // No frame any more, and a muted voice; only their receiver reports on our media come in.
    for (let look = 0; look < 20; look++) {
      h.pc.receivedBytes += 100
      await settle(500)
    }
    expect(h.link.link).toBe('connected')
    expect(h.pc.restartCount).toBe(0)
    // The transport's count is what tells, while frames cannot.
    expect(h.pc.statsCalls).toBe(20)
  })

  it("marks each move of the ICE transport's selected pair, none for the first pair", async () => {
    performance.clearMarks()
    const h = await connectedOfferer('b', 'a')
    const marks = () => performance.getEntriesByName('recovery:path-changed:a').length
    h.pc.iceTransport.select('candidate:1 host 198.51.100.2', 'candidate:2 host 198.51.100.3')
    await playMedia(h, 500)
    expect(marks()).toBe(0)
    h.pc.iceTransport.select('candidate:3 relay 203.0.113.9', 'candidate:2 host 198.51.100.3')
    expect(marks()).toBe(1)
    // The same pair again (an event with no move) marks nothing.
    h.pc.iceTransport.select('candidate:3 relay 203.0.113.9', 'candidate:2 host 198.51.100.3')
    expect(marks()).toBe(1)
    // Told by the transport's event: no stats report was read for it.
    expect(h.pc.statsCalls).toBe(0)
  })

  it('the polite side restarts too when the other side stays silent', async () => {
    const h = await connectedOfferer('a', 'b')
    h.pc.setConnectionState('failed')
    // First rung: leave it to the impolite side.
    expect(h.pc.restartCount).toBe(0)
    await settle(2_100)
    expect(h.pc.restartCount).toBe(1)
  })

  it('a network change restarts ICE at once on either side', async () => {
    const h = await connectedOfferer('a', 'b')
    h.pc.setConnectionState('disconnected')
    h.link.networkChanged()
    expect(h.pc.restartCount).toBe(1)
  })

  it('same figures keep the same stats object', async () => {
    const h = await connectedOfferer('a', 'b')
    h.pc.receivedBytes = 10
    await h.link.sampleStats()
    const first = h.link.stats
    h.pc.receivedBytes = 20
    await h.link.sampleStats()
    h.pc.receivedBytes = 30
    await h.link.sampleStats()
    const later = h.link.stats
    h.pc.receivedBytes = 40
    await h.link.sampleStats()
    expect(first).not.toBeNull()
    expect(h.link.stats).toBe(later)
  })
})

/** The answer a plain client gives: it sends on every section it can and receives the rest. */
function answerFor(offer: string): string {
  const sections = sdpSections(offer)
  const lines = [
    'v=0',
    'o=- 4242 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    `a=group:BUNDLE ${sections.map((s) => s.mid).join(' ')}`,
    'a=ice-ufrag:peer',
    'a=setup:active',
  ]
  for (const section of sections) {
    const direction =
      section.direction === 'sendonly'
        ? 'recvonly'
        : section.direction === 'recvonly'
          ? 'sendonly'
          : section.direction
    lines.push(`m=${section.kind} ${section.rejected ? 0 : 9} UDP/TLS/RTP/SAVPF 96`)
    lines.push(`a=mid:${section.mid ?? ''}`, `a=${direction}`)
    if (direction === 'sendrecv' || direction === 'sendonly') lines.push('a=msid:peer peer-track')
  }
  return lines.join('\r\n') + '\r\n'
}
