/**
 * A stand-in for the browser's WebRTC objects, enough to drive PeerLink's negotiation in Node
 * (after matrix-js-sdk's MockRTCPeerConnection): the JSEP signaling states, transceivers that
 * offers create or match by mid, rollback (explicit and implicit), and SDP it writes and reads by
 * its m-lines, so real recorded offers and answers can be fed in. No media, no ICE: a test sets
 * the connection state, the received byte count and the selected pair.
 */

type Kind = 'audio' | 'video' | 'application'
type Direction = RTCRtpTransceiverDirection

export interface SdpSection {
  kind: Kind
  mid: string | null
  direction: Direction
  /** The stream id of `a=msid:` ('-' or absent: none). */
  streamId: string | null
  trackId: string | null
  rejected: boolean
}

/** The m-lines of an SDP, in order, with what the tests look at. */
export function sdpSections(sdp: string): SdpSection[] {
  return sdp
    .split(/\r?\n(?=m=)/)
    .slice(1)
    .map((block) => {
      const header = /^m=(\w+) (\d+)/.exec(block)
      const direction = /^a=(sendrecv|sendonly|recvonly|inactive)\r?$/m.exec(block)
      const msid = /^a=msid:(\S+)(?: (\S+))?/m.exec(block)
      return {
        kind: (header?.[1] ?? 'application') as Kind,
        mid: /^a=mid:(\S+)/m.exec(block)?.[1] ?? null,
        direction: (direction?.[1] ?? 'sendrecv') as Direction,
        streamId: msid && msid[1] !== '-' ? (msid[1] ?? null) : null,
        trackId: msid?.[2] ?? null,
        rejected: header?.[2] === '0',
      }
    })
}

let nextId = 1
const newId = (prefix: string): string => `${prefix}-${nextId++}`

export class MockTrack {
  readonly id = newId('track')
  enabled = true
  readyState: 'live' | 'ended' = 'live'
  /** A camera's capture size, as the fake camera of the end-to-end tests gives it. */
  settings: { width?: number; height?: number }
  constructor(readonly kind: 'audio' | 'video') {
    this.settings = kind === 'video' ? { width: 640, height: 480 } : {}
  }
  getSettings(): { width?: number; height?: number } {
    return { ...this.settings }
  }
  stop(): void {
    this.readyState = 'ended'
  }
}

export class MockMediaStream {
  readonly id = newId('stream')
  private readonly tracks: MockTrack[]
  constructor(tracks: MockTrack[] = []) {
    this.tracks = [...tracks]
  }
  getTracks(): MockTrack[] {
    return [...this.tracks]
  }
}

/** The bundle's one ICE transport, whose selected pair a test moves. */
export class MockIceTransport {
  private pair: { local: { candidate: string }; remote: { candidate: string } } | null = null
  onselectedcandidatepairchange: (() => void) | null = null
  getSelectedCandidatePair(): {
    local: { candidate: string }
    remote: { candidate: string }
  } | null {
    return this.pair
  }
  /** Test control: ICE moves the link onto the pair of these two candidates. */
  select(local: string, remote: string): void {
    this.pair = { local: { candidate: local }, remote: { candidate: remote } }
    this.onselectedcandidatepairchange?.()
  }
}

/**
 * Like Chromium's: one encoding from the start, RTCP parameters that change when a description is
 * applied, and setParameters refusing parameters whose RTCP part differs from the sender's own.
 */
class MockSender {
  track: MockTrack | null
  streams: MockMediaStream[]
  private encodings: RTCRtpEncodingParameters[] = [{ active: true }]
  private rtcp: { cname: string; reducedSize: boolean } = { cname: 'mock', reducedSize: false }
  setParametersCalls = 0
  getParametersCalls = 0
  constructor(
    track: MockTrack | null,
    streams: MockMediaStream[],
    readonly transport: { iceTransport: MockIceTransport },
  ) {
    this.track = track
    this.streams = streams
  }
  async replaceTrack(track: MockTrack | null): Promise<void> {
    this.track = track
  }
  setStreams(...streams: MockMediaStream[]): void {
    this.streams = streams
  }
  getParameters(): {
    encodings: RTCRtpEncodingParameters[]
    rtcp: { cname: string; reducedSize: boolean }
  } {
    this.getParametersCalls++
    return { encodings: this.encodings.map((e) => ({ ...e })), rtcp: { ...this.rtcp } }
  }
  async setParameters(parameters: {
    encodings: RTCRtpEncodingParameters[]
    rtcp?: { cname: string; reducedSize: boolean }
  }): Promise<void> {
    this.setParametersCalls++
    const rtcp = parameters.rtcp
    if (!rtcp || rtcp.cname !== this.rtcp.cname || rtcp.reducedSize !== this.rtcp.reducedSize) {
      throw new DOMException(
        'Attempted to set RtpParameters with modified RTCP parameters',
        'InvalidModificationError',
      )
    }
    this.encodings = parameters.encodings
  }
  negotiated(): void {
    this.rtcp = { ...this.rtcp, reducedSize: true }
  }
  get maxBitrates(): (number | undefined)[] {
    return this.encodings.map((e) => e.maxBitrate)
  }
  get scalesDownBy(): (number | undefined)[] {
    return this.encodings.map((e) => e.scaleResolutionDownBy)
  }
}

export class MockTransceiver {
  mid: string | null = null
  currentDirection: Direction | null = null
  private wanted: Direction
  readonly sender: MockSender
  readonly receiver: { track: MockTrack }
  /** Made by setRemoteDescription (removed again if that offer is rolled back). */
  fromRemote = false
  constructor(
    readonly kind: 'audio' | 'video',
    direction: Direction,
    track: MockTrack | null,
    streams: MockMediaStream[],
    private readonly owner: MockRTCPeerConnection,
  ) {
    this.wanted = direction
    this.sender = new MockSender(track, streams, { iceTransport: owner.iceTransport })
    this.receiver = { track: new MockTrack(kind) }
  }
  get direction(): Direction {
    return this.wanted
  }
  /** As in browsers, a new direction needs a negotiation. */
  set direction(direction: Direction) {
    if (direction === this.wanted) return
    this.wanted = direction
    this.owner.negotiationNeeded()
  }
  stop(): void {
    this.direction = 'stopped'
  }
}

function reverse(direction: Direction): Direction {
  if (direction === 'sendonly') return 'recvonly'
  if (direction === 'recvonly') return 'sendonly'
  return direction
}

function intersect(local: Direction, offered: Direction): Direction {
  const send =
    (local === 'sendrecv' || local === 'sendonly') &&
    (offered === 'sendrecv' || offered === 'recvonly')
  const receive =
    (local === 'sendrecv' || local === 'recvonly') &&
    (offered === 'sendrecv' || offered === 'sendonly')
  return send && receive ? 'sendrecv' : send ? 'sendonly' : receive ? 'recvonly' : 'inactive'
}

function invalidState(message: string): Error {
  const error = new Error(message)
  error.name = 'InvalidStateError'
  return error
}

interface Description {
  type: RTCSdpType
  sdp: string
}

/** A data channel that stays connecting: what the engine's in-call channel is given. */
export class MockDataChannel {
  readyState: RTCDataChannelState = 'connecting'
  onopen: (() => void) | null = null
  onmessage: ((event: { data: unknown }) => void) | null = null
  onclose: (() => void) | null = null
  constructor(readonly label: string) {}
  send(): void {}
  close(): void {
    this.readyState = 'closed'
  }
}

export class MockRTCPeerConnection {
  static instances: MockRTCPeerConnection[] = []
  /** The next setRemoteDescription throws this (a description the browser refuses). */
  static failNextRemoteDescription: Error | null = null

  signalingState: RTCSignalingState = 'stable'
  connectionState: RTCPeerConnectionState = 'new'
  iceConnectionState: RTCIceConnectionState = 'new'
  localDescription: Description | null = null
  remoteDescription: Description | null = null
  currentLocalDescription: Description | null = null
  currentRemoteDescription: Description | null = null
  /** What addIceCandidate was given, in order. */
  readonly candidates: RTCIceCandidateInit[] = []
  restartCount = 0
  /** What getStats reports as received by the transport. */
  receivedBytes = 0
  /** How many times getStats was called. */
  statsCalls = 0
  readonly iceTransport = new MockIceTransport()
  readonly sctp = null
  closed = false

  onnegotiationneeded: (() => void) | null = null
  onicecandidate:
    | ((event: { candidate: { candidate: string; toJSON(): RTCIceCandidateInit } | null }) => void)
    | null = null
  /** Offers of ours taken back (explicitly or by an incoming offer). */
  rollbacks = 0
  oniceconnectionstatechange: (() => void) | null = null
  onconnectionstatechange: (() => void) | null = null
  onsignalingstatechange: (() => void) | null = null
  ontrack: ((event: { track: MockTrack; streams: MockMediaStream[] }) => void) | null = null

  private readonly transceivers: MockTransceiver[] = []
  private readonly sessionId = String(Math.floor(Math.random() * 1e15))
  private version = 0
  private ufrag = newId('ufrag')
  private restartPending = false
  private nextMid = 0
  private config: RTCConfiguration

  constructor(config: RTCConfiguration = {}) {
    this.config = config
    MockRTCPeerConnection.instances.push(this)
  }

  getConfiguration(): RTCConfiguration {
    return this.config
  }
  setConfiguration(config: RTCConfiguration): void {
    this.config = config
  }

  addTransceiver(
    trackOrKind: MockTrack | 'audio' | 'video',
    init: { direction?: Direction; streams?: MockMediaStream[] } = {},
  ): MockTransceiver {
    const track = typeof trackOrKind === 'string' ? null : trackOrKind
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind
    const transceiver = new MockTransceiver(
      kind,
      init.direction ?? 'sendrecv',
      track,
      init.streams ?? [],
      this,
    )
    this.transceivers.push(transceiver)
    this.negotiationNeeded()
    return transceiver
  }

  /** The in-call channel of a first offer: it never opens here (there is no SCTP). */
  createDataChannel(label: string): MockDataChannel {
    return new MockDataChannel(label)
  }

  getTransceivers(): MockTransceiver[] {
    return [...this.transceivers]
  }
  getSenders(): MockSender[] {
    return this.transceivers.map((t) => t.sender)
  }

  restartIce(): void {
    this.restartPending = true
    this.restartCount++
    this.negotiationNeeded()
  }

  async createOffer(): Promise<Description> {
    for (const transceiver of this.transceivers) {
      if (transceiver.mid === null && transceiver.direction !== 'stopped') {
        const used = this.transceivers.map((t) => Number(t.mid ?? -1))
        transceiver.mid = String(Math.max(this.nextMid, ...used.map((n) => n + 1)))
        this.nextMid = Number(transceiver.mid) + 1
      }
    }
    if (this.restartPending) this.ufrag = newId('ufrag')
    return { type: 'offer', sdp: this.write('actpass', (t) => t.direction) }
  }

  async createAnswer(): Promise<Description> {
    if (this.signalingState !== 'have-remote-offer' || !this.remoteDescription) {
      throw invalidState('createAnswer needs a remote offer')
    }
    const offered = sdpSections(this.remoteDescription.sdp)
    const sections = offered.map((section) => {
      const transceiver = this.transceivers.find((t) => t.mid === section.mid)
      if (!transceiver || section.kind === 'application')
        return this.section(section.kind, section.mid, reverse(section.direction), null)
      const direction =
        section.rejected || transceiver.direction === 'stopped'
          ? 'inactive'
          : intersect(transceiver.direction, section.direction)
      return this.section(section.kind, section.mid, direction, transceiver, section.rejected)
    })
    return {
      type: 'answer',
      sdp:
        this.header(
          'active',
          offered.map((s) => s.mid ?? ''),
        ) + sections.join(''),
    }
  }

  async setLocalDescription(description?: Description | { type: 'rollback' }): Promise<void> {
    if (this.closed) throw invalidState('closed')
    if (description?.type === 'rollback') {
      this.rollback()
      return
    }
    const type =
      description?.type ?? (this.signalingState === 'have-remote-offer' ? 'answer' : 'offer')
    const sdp =
      description && 'sdp' in description && description.sdp
        ? description.sdp
        : (type === 'offer' ? await this.createOffer() : await this.createAnswer()).sdp
    if (type === 'offer') {
      if (this.signalingState !== 'stable' && this.signalingState !== 'have-local-offer') {
        throw invalidState(`cannot set a local offer in ${this.signalingState}`)
      }
      this.localDescription = { type, sdp }
      this.setSignalingState('have-local-offer')
      return
    }
    if (this.signalingState !== 'have-remote-offer') throw invalidState('no remote offer to answer')
    this.localDescription = { type: 'answer', sdp }
    this.currentLocalDescription = this.localDescription
    this.currentRemoteDescription = this.remoteDescription
    for (const section of sdpSections(sdp)) {
      const transceiver = this.transceivers.find((t) => t.mid === section.mid)
      if (!transceiver) continue
      transceiver.currentDirection =
        transceiver.direction === 'stopped' ? 'stopped' : section.direction
      transceiver.sender.negotiated()
    }
    this.restartPending = false
    this.setSignalingState('stable')
  }

  async setRemoteDescription(description: Description): Promise<void> {
    if (this.closed) throw invalidState('closed')
    const failure = MockRTCPeerConnection.failNextRemoteDescription
    if (failure) {
      MockRTCPeerConnection.failNextRemoteDescription = null
      throw failure
    }
    const sections = sdpSections(description.sdp)
    if (sections.length === 0) throw new Error('Failed to parse the SDP: no media sections')
    if (description.type === 'offer') {
      // Implicit rollback of our own offer, as browsers do.
      if (this.signalingState === 'have-local-offer') this.rollback()
      if (this.signalingState !== 'stable')
        throw invalidState(`cannot apply an offer in ${this.signalingState}`)
      this.remoteDescription = description
      const arrived: MockTransceiver[] = []
      for (const section of sections) {
        if (section.kind === 'application') continue
        let transceiver = this.transceivers.find((t) => t.mid === section.mid)
        if (!transceiver) {
          transceiver = this.transceivers.find(
            (t) => t.mid === null && t.kind === section.kind && t.direction !== 'stopped',
          )
          if (transceiver) transceiver.mid = section.mid
        }
        if (!transceiver) {
          transceiver = new MockTransceiver(section.kind, 'recvonly', null, [], this)
          transceiver.mid = section.mid
          transceiver.fromRemote = true
          this.transceivers.push(transceiver)
        }
        if (section.rejected) transceiver.direction = 'stopped'
        else if (section.direction === 'sendrecv' || section.direction === 'sendonly')
          arrived.push(transceiver)
      }
      this.setSignalingState('have-remote-offer')
      for (const transceiver of arrived) this.fireTrack(transceiver, sections)
      return
    }
    if (description.type !== 'answer') throw new Error(`unsupported ${description.type}`)
    if (this.signalingState !== 'have-local-offer' || !this.localDescription) {
      throw invalidState(`cannot apply an answer in ${this.signalingState}`)
    }
    const offered = sdpSections(this.localDescription.sdp).map((s) => s.mid)
    if (offered.join(' ') !== sections.map((s) => s.mid).join(' ')) {
      // Chromium's words for an answer to another offer than the one pending.
      throw new Error(
        "Failed to set remote answer sdp: The order of m-lines in answer doesn't match order in offer. Rejecting answer.",
      )
    }
    this.remoteDescription = description
    this.currentRemoteDescription = description
    this.currentLocalDescription = this.localDescription
    for (const section of sections) {
      const transceiver = this.transceivers.find((t) => t.mid === section.mid)
      if (!transceiver) continue
      if (transceiver.direction === 'stopped' || section.rejected) {
        transceiver.currentDirection = 'stopped'
        transceiver.direction = 'stopped'
        continue
      }
      const was = transceiver.currentDirection
      transceiver.currentDirection = reverse(section.direction)
      transceiver.sender.negotiated()
      const receiving = section.direction === 'sendrecv' || section.direction === 'sendonly'
      if (receiving && was !== 'recvonly' && was !== 'sendrecv')
        this.fireTrack(transceiver, sections)
    }
    this.restartPending = false
    this.setSignalingState('stable')
  }

  async addIceCandidate(candidate?: RTCIceCandidateInit): Promise<void> {
    if (!this.remoteDescription) throw invalidState('no remote description')
    if (
      candidate &&
      candidate.candidate &&
      candidate.sdpMid == null &&
      candidate.sdpMLineIndex == null
    ) {
      throw new TypeError('sdpMid and sdpMLineIndex are both null')
    }
    this.candidates.push(candidate ?? {})
  }

  async getStats(): Promise<Map<string, Record<string, unknown>>> {
    this.statsCalls++
    return new Map([
      [
        'T1',
        {
          id: 'T1',
          type: 'transport',
          bytesReceived: this.receivedBytes,
          selectedCandidatePairId: 'P1',
        },
      ],
      [
        'P1',
        {
          id: 'P1',
          type: 'candidate-pair',
          localCandidateId: 'L1',
          remoteCandidateId: 'R1',
          currentRoundTripTime: 0.001,
        },
      ],
      ['L1', { id: 'L1', type: 'local-candidate', candidateType: 'host' }],
      ['R1', { id: 'R1', type: 'remote-candidate', candidateType: 'host' }],
    ])
  }

  close(): void {
    this.closed = true
    this.signalingState = 'closed'
    this.connectionState = 'closed'
  }

  /** Test control: what ICE + DTLS would report. */
  setConnectionState(state: RTCPeerConnectionState): void {
    this.connectionState = state
    if (state === 'connected') {
      this.iceConnectionState = 'connected'
      this.oniceconnectionstatechange?.()
    }
    this.onconnectionstatechange?.()
  }

  negotiationNeeded(): void {
    // A task, as in browsers; only fired while stable.
    setTimeout(() => {
      if (!this.closed && this.signalingState === 'stable') this.onnegotiationneeded?.()
    }, 0)
  }

  /** The browser gathered a local candidate (a `candidate:` line), or finished a round (null). */
  gather(line: string | null): void {
    const candidate =
      line === null
        ? null
        : { candidate: line, toJSON: () => ({ candidate: line, sdpMid: '0', sdpMLineIndex: 0 }) }
    this.onicecandidate?.({ candidate })
  }

  private rollback(): void {
    if (this.signalingState === 'have-local-offer') {
      this.rollbacks++
      for (const transceiver of this.transceivers) {
        if (transceiver.currentDirection === null && !transceiver.fromRemote) transceiver.mid = null
      }
    } else if (this.signalingState === 'have-remote-offer') {
      for (let i = this.transceivers.length - 1; i >= 0; i--) {
        const transceiver = this.transceivers[i]
        if (transceiver?.fromRemote && transceiver.currentDirection === null)
          this.transceivers.splice(i, 1)
      }
      this.remoteDescription = this.currentRemoteDescription
    } else {
      throw invalidState(`nothing to roll back in ${this.signalingState}`)
    }
    this.localDescription = this.currentLocalDescription
    this.remoteDescription = this.currentRemoteDescription
    this.setSignalingState('stable')
  }

  private fireTrack(transceiver: MockTransceiver, sections: SdpSection[]): void {
    const section = sections.find((s) => s.mid === transceiver.mid)
    const streams = section?.streamId ? [new MockMediaStream([transceiver.receiver.track])] : []
    setTimeout(() => this.ontrack?.({ track: transceiver.receiver.track, streams }), 0)
  }

  private setSignalingState(state: RTCSignalingState): void {
    if (this.signalingState === state) return
    this.signalingState = state
    this.onsignalingstatechange?.()
  }

  private header(setup: string, mids: string[]): string {
    return [
      'v=0',
      `o=- ${this.sessionId} ${++this.version} IN IP4 127.0.0.1`,
      's=-',
      't=0 0',
      `a=group:BUNDLE ${mids.join(' ')}`,
      `a=ice-ufrag:${this.ufrag}`,
      `a=setup:${setup}`,
      '',
    ].join('\r\n')
  }

  private section(
    kind: Kind,
    mid: string | null,
    direction: Direction,
    transceiver: MockTransceiver | null,
    rejected = false,
  ): string {
    const lines = [
      `m=${kind} ${rejected ? 0 : 9} UDP/TLS/RTP/SAVPF 96`,
      `a=mid:${mid ?? ''}`,
      `a=${direction}`,
    ]
    const track = transceiver?.sender.track
    if (track && (direction === 'sendrecv' || direction === 'sendonly')) {
      lines.push(`a=msid:${transceiver.sender.streams[0]?.id ?? '-'} ${track.id}`)
    }
    return lines.join('\r\n') + '\r\n'
  }

  private write(setup: string, directionOf: (t: MockTransceiver) => Direction): string {
    const live = this.transceivers.filter((t) => t.mid !== null)
    const sections = live.map((t) =>
      t.direction === 'stopped'
        ? this.section(t.kind, t.mid, 'inactive', null, true)
        : this.section(t.kind, t.mid, directionOf(t), t),
    )
    return (
      this.header(
        setup,
        live.map((t) => t.mid ?? ''),
      ) + sections.join('')
    )
  }
}

/** Puts the mocks where PeerLink looks for the browser's classes. */
export function installMockWebRtc(): void {
  MockRTCPeerConnection.instances = []
  MockRTCPeerConnection.failNextRemoteDescription = null
  Object.assign(globalThis, {
    RTCPeerConnection: MockRTCPeerConnection,
    MediaStream: MockMediaStream,
  })
}
