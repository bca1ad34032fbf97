/**
 * A calling client on a WebRTC stack that is not Chromium's: werift, in Node. Written from
 * PROTOCOL.md and werift's own examples, knowing nothing of Parley.
 *
 * Run: `node --import tsx werift-peer.ts '{"serverUrl","name","callId"}'`.
 * - Signs in as a guest, fetches the RTC config, joins over Socket.IO. A socket the server closes
 *   (its access token expired) reconnects with a refreshed token and joins again; its peer
 *   connections are kept.
 * - Sends audio (Opus) and video (VP8) that ffmpeg produces as RTP to two UDP ports this script
 *   opens on loopback and announces (`{"type":"ready","audioPort","videoPort"}`); the packets
 *   are written into werift tracks, as werift's ffmpeg examples do.
 * - Offers to everyone already in the call when it joins, answers every offer it gets.
 * - Counts what each remote sends it (RTP packets and bytes per kind, VP8 keyframes).
 * - Prints its state as one JSON line per change (`{"type":"state",...}`); takes commands as JSON
 *   lines on stdin (`mute`, `video`, `leave`). Exits when stdin closes.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram'
import { createInterface } from 'node:readline'
import { io } from 'socket.io-client'
import {
  MediaStream,
  MediaStreamTrack,
  RTCPeerConnection,
  Vp8RtpPayload,
  useOPUS,
  useVP8,
  type RTCIceCandidate,
} from 'werift'
import { z } from 'zod'

/**
 * `candidateForm` is how it sends its ICE candidates, the ways clients in the wild do:
 * `init` the RTCIceCandidateInit object (PROTOCOL.md), `line` the bare `candidate:` string and
 * null at the end, `mline-index` an object with sdpMLineIndex but no sdpMid, and "" at the end.
 */
const CandidateForm = z.enum(['init', 'line', 'mline-index'])
const Options = z.object({
  serverUrl: z.string().url(),
  name: z.string(),
  callId: z.string(),
  candidateForm: CandidateForm.default('init'),
  /**
   * Take no candidate from the other side (trickled or in its SDP), and put none in our SDP: the
   * link then comes up only if the other side applies the candidates we trickle (we learn its
   * address from its connectivity checks, as peer-reflexive).
   */
  ignoreRemoteCandidates: z.boolean().default(false),
})
const options = Options.parse(JSON.parse(process.argv[2] ?? '{}'))

const MediaStateSchema = z.object({
  muted: z.boolean(),
  videoEnabled: z.boolean(),
  screenSharing: z.boolean(),
})
type MediaState = z.infer<typeof MediaStateSchema>
const ParticipantSchema = z.object({
  userId: z.string(),
  displayName: z.string().optional(),
  mediaState: MediaStateSchema,
})
const CallStarted = z.object({ callId: z.string(), participants: z.array(ParticipantSchema) })
const ParticipantJoined = ParticipantSchema.extend({ callId: z.string() })
const ParticipantLeft = z.object({ callId: z.string(), userId: z.string() })
const Description = z.object({ callId: z.string(), fromUserId: z.string(), sdp: z.string() })
const Candidate = z.object({
  callId: z.string(),
  fromUserId: z.string(),
  candidate: z.union([
    z.object({
      candidate: z.string().optional(),
      sdpMid: z.string().nullable().optional(),
      sdpMLineIndex: z.number().nullable().optional(),
    }),
    z.string(),
    z.null(),
  ]),
})
const MediaUpdated = z.object({
  callId: z.string(),
  userId: z.string(),
  mediaState: MediaStateSchema,
})
const Command = z.discriminatedUnion('cmd', [
  z.object({ cmd: z.literal('mute'), muted: z.boolean() }),
  z.object({ cmd: z.literal('video'), enabled: z.boolean() }),
  z.object({ cmd: z.literal('leave') }),
])

interface Received {
  packets: number
  bytes: number
  keyframes: number
}

interface RemoteState {
  connectionState: string
  signalingState: string
  offersSent: number
  offersReceived: number
  tracks: { kind: string; streamIds: string[] }[]
  received: { audio: Received; video: Received }
}

const state = {
  type: 'state' as const,
  status: 'starting',
  userId: null as string | null,
  participants: {} as Record<string, { displayName?: string; mediaState: MediaState }>,
  remotes: {} as Record<string, RemoteState>,
  sent: { audio: 0, video: 0 },
  muted: false,
  videoEnabled: true,
  errors: [] as string[],
  /** Socket connects so far (1 + reconnects; each one joins the call again). */
  connects: 0,
}

let stateDirty = true
function changed(): void {
  stateDirty = true
}
// Counters move with every packet: print at most a few lines a second.
setInterval(() => {
  if (!stateDirty) return
  stateDirty = false
  process.stdout.write(`${JSON.stringify(state)}\n`)
}, 200)

function fail(where: string, error: unknown): void {
  state.errors.push(`${where}: ${error instanceof Error ? error.message : String(error)}`)
  changed()
}

// Local media: one stream, two tracks fed by ffmpeg's RTP.
const localStream = new MediaStream()
const audioTrack = new MediaStreamTrack({ kind: 'audio' })
const videoTrack = new MediaStreamTrack({ kind: 'video' })
localStream.addTrack(audioTrack)
localStream.addTrack(videoTrack)

async function rtpInput(track: MediaStreamTrack, kind: 'audio' | 'video'): Promise<number> {
  const socket: UdpSocket = createSocket('udp4')
  socket.on('message', (data) => {
    // ffmpeg's RTCP sender reports come to the same port; only RTP goes on.
    const packetType = data[1] ?? 0
    if (packetType >= 200 && packetType <= 204) return
    if (kind === 'audio' && state.muted) return
    if (kind === 'video' && !state.videoEnabled) return
    track.writeRtp(data)
    state.sent[kind] += 1
    changed()
  })
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve))
  return socket.address().port
}

const peers = new Map<string, RTCPeerConnection>()
let iceServers: { urls: string; username?: string; credential?: string }[] = []
let emit: (event: string, payload: unknown) => void = () => undefined

function remoteState(userId: string): RemoteState {
  let remote = state.remotes[userId]
  if (!remote) {
    remote = {
      connectionState: 'new',
      signalingState: 'stable',
      offersSent: 0,
      offersReceived: 0,
      tracks: [],
      received: {
        audio: { packets: 0, bytes: 0, keyframes: 0 },
        video: { packets: 0, bytes: 0, keyframes: 0 },
      },
    }
    state.remotes[userId] = remote
  }
  return remote
}

/** The SDP without candidate lines, for `ignoreRemoteCandidates`. */
function withoutCandidates(sdp: string): string {
  if (!options.ignoreRemoteCandidates) return sdp
  return sdp
    .split('\r\n')
    .filter((line) => !line.startsWith('a=candidate:') && line !== 'a=end-of-candidates')
    .join('\r\n')
}

/** What goes in `rtc:candidate` for a gathered candidate (or the end of them, `undefined`). */
function candidateMessage(candidate: RTCIceCandidate | undefined): unknown {
  const line =
    candidate &&
    (candidate.candidate.startsWith('candidate:') ? '' : 'candidate:') + candidate.candidate
  switch (options.candidateForm) {
    case 'init':
      return candidate
    case 'line':
      return line ?? null
    case 'mline-index':
      return { candidate: line ?? '', sdpMLineIndex: candidate?.sdpMLineIndex ?? 0 }
  }
}

function createPeer(userId: string): RTCPeerConnection {
  const pc = new RTCPeerConnection({
    // Only what the server configures: werift's own default is a public STUN server.
    iceServers,
    bundlePolicy: 'max-bundle',
    codecs: { audio: [useOPUS()], video: [useVP8()] },
    iceUseIpv6: false,
  })
  peers.set(userId, pc)
  const remote = remoteState(userId)
  pc.onicecandidate = ({ candidate }: { candidate?: RTCIceCandidate }) => {
    const sent = candidateMessage(candidate)
    if (sent !== undefined) {
      emit('rtc:candidate', { callId: options.callId, toUserId: userId, candidate: sent })
    }
  }
  pc.connectionStateChange.subscribe((connectionState) => {
    remote.connectionState = connectionState
    changed()
  })
  pc.signalingStateChange.subscribe((signalingState) => {
    remote.signalingState = signalingState
    changed()
  })
  pc.ontrack = ({ track, streams }) => {
    const kind = track.kind === 'audio' ? 'audio' : 'video'
    remote.tracks.push({ kind, streamIds: streams.map((stream) => stream.id) })
    changed()
    track.onReceiveRtp.subscribe((rtp) => {
      const counts = remote.received[kind]
      counts.packets += 1
      counts.bytes += rtp.payload.length
      if (kind === 'video') {
        const vp8 = Vp8RtpPayload.deSerialize(rtp.payload)
        if (vp8.payloadHeaderExist && vp8.isKeyframe) counts.keyframes += 1
      }
      changed()
    })
  }
  return pc
}

/** The record without that key. */
function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([other]) => other !== key))
}

function closePeer(userId: string): void {
  peers
    .get(userId)
    ?.close()
    .catch((error: unknown) => fail('close', error))
  peers.delete(userId)
  state.remotes = without(state.remotes, userId)
  changed()
}

async function offerTo(userId: string): Promise<void> {
  const pc = createPeer(userId)
  pc.addTrack(audioTrack, localStream)
  pc.addTrack(videoTrack, localStream)
  const offer = await pc.createOffer()
  await pc.setLocalDescription(offer)
  const sdp = withoutCandidates(pc.localDescription?.sdp ?? '')
  emit('rtc:offer', { callId: options.callId, toUserId: userId, sdp })
  remoteState(userId).offersSent += 1
  changed()
}

async function answer(userId: string, sdp: string): Promise<void> {
  const known = peers.get(userId)
  const pc = known ?? createPeer(userId)
  remoteState(userId).offersReceived += 1
  await pc.setRemoteDescription({ type: 'offer', sdp: withoutCandidates(sdp) })
  // The offer made the transceivers; our tracks go on the first of each kind.
  if (!known) {
    pc.addTrack(audioTrack, localStream)
    pc.addTrack(videoTrack, localStream)
  }
  const description = await pc.createAnswer()
  await pc.setLocalDescription(description)
  const answerSdp = withoutCandidates(pc.localDescription?.sdp ?? '')
  emit('rtc:answer', { callId: options.callId, toUserId: userId, sdp: answerSdp })
  changed()
}

async function main(): Promise<void> {
  const audioPort = await rtpInput(audioTrack, 'audio')
  const videoPort = await rtpInput(videoTrack, 'video')
  process.stdout.write(`${JSON.stringify({ type: 'ready', audioPort, videoPort })}\n`)

  const login = await fetch(`${options.serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: options.name }),
  })
  if (!login.ok) throw new Error(`sign-in failed: ${login.status}`)
  const Session = z.object({
    accessToken: z.string(),
    refreshToken: z.string(),
    user: z.object({ id: z.string() }),
  })
  let session = Session.parse(await login.json())
  state.userId = session.user.id

  const configResponse = await fetch(`${options.serverUrl}/api/v1/rtc/config`, {
    headers: { authorization: `Bearer ${session.accessToken}` },
  })
  if (!configResponse.ok) throw new Error(`rtc config failed: ${configResponse.status}`)
  const config = z
    .object({
      stunUrls: z.array(z.string()),
      turnUrls: z.array(z.string()),
      turnUsername: z.string().optional(),
      turnCredential: z.string().optional(),
    })
    .parse(await configResponse.json())
  iceServers = [
    ...config.stunUrls.map((urls) => ({ urls })),
    ...config.turnUrls.map((urls) => ({
      urls,
      username: config.turnUsername,
      credential: config.turnCredential,
    })),
  ]

  const socket = io(options.serverUrl, {
    auth: (cb) => cb({ token: session.accessToken }),
    transports: ['websocket'],
  })
  // A socket the server closed (its access token expired) gets a fresh token and connects again.
  const reconnectWithFreshToken = (): void => {
    fetch(`${options.serverUrl}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    })
      .then(async (response) => {
        if (!response.ok) throw new Error(`refresh failed: ${response.status}`)
        session = Session.parse(await response.json())
        socket.connect()
      })
      .catch((error: unknown) => fail('refresh', error))
  }
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') reconnectWithFreshToken()
  })
  emit = (event, payload) => socket.emit(event, payload)

  function on<T>(event: string, schema: z.ZodType<T>, handler: (payload: T) => unknown): void {
    socket.on(event, (raw: unknown) => {
      const parsed = schema.safeParse(raw)
      if (!parsed.success) return fail(event, parsed.error)
      Promise.resolve()
        .then(() => handler(parsed.data))
        .catch((error: unknown) => fail(event, error))
    })
  }

  socket.on('connect', () => {
    state.connects++
    changed()
    socket.emit('rtc:joinCall', {
      callId: options.callId,
      initialMediaState: {
        muted: state.muted,
        videoEnabled: state.videoEnabled,
        screenSharing: false,
      },
    })
  })
  socket.on('connect_error', (error) => {
    if (error.message === 'UNAUTHORIZED') reconnectWithFreshToken()
    else fail('connect', error)
  })
  on('rtc:callStarted', CallStarted, async ({ participants }) => {
    state.status = 'in call'
    for (const participant of participants) {
      if (participant.userId === state.userId) continue
      state.participants[participant.userId] = participant
    }
    changed()
    for (const participant of participants) {
      if (participant.userId === state.userId || peers.has(participant.userId)) continue
      await offerTo(participant.userId)
    }
  })
  on('rtc:participantJoined', ParticipantJoined, ({ userId, displayName, mediaState }) => {
    state.participants[userId] = { displayName, mediaState }
    changed()
  })
  on('rtc:participantLeft', ParticipantLeft, ({ userId }) => {
    state.participants = without(state.participants, userId)
    closePeer(userId)
  })
  // After leaving, an offer still in flight (sent before the server knew) is not for us any more.
  on('rtc:offer', Description, ({ fromUserId, sdp }) =>
    state.status === 'in call' ? answer(fromUserId, sdp) : undefined,
  )
  on('rtc:answer', Description, async ({ fromUserId, sdp }) => {
    const description = { type: 'answer' as const, sdp: withoutCandidates(sdp) }
    await peers.get(fromUserId)?.setRemoteDescription(description)
  })
  on('rtc:candidate', Candidate, async ({ fromUserId, candidate }) => {
    const pc = peers.get(fromUserId)
    if (!pc || candidate === null || options.ignoreRemoteCandidates) return
    await pc.addIceCandidate(typeof candidate === 'string' ? { candidate } : candidate)
  })
  on('rtc:mediaUpdated', MediaUpdated, ({ userId, mediaState }) => {
    const known = state.participants[userId]
    if (known) known.mediaState = mediaState
    changed()
  })
  const RtcError = z.object({
    code: z.string(),
    message: z.string(),
    // Only its reason is read; details of any other shape are no reason at all.
    details: z.object({ reason: z.unknown() }).partial().passthrough().nullish().catch(null),
  })
  on('rtc:error', RtcError, ({ code, message, details }) => {
    // Said just before the server closes the socket; the disconnect handler renews it.
    if (details?.reason === 'token-expired') return
    fail('server', `${code} ${message}`)
  })

  const commands = createInterface({ input: process.stdin })
  commands.on('line', (line) => {
    let raw: unknown
    try {
      raw = JSON.parse(line)
    } catch (error) {
      return fail('command', error)
    }
    const parsed = Command.safeParse(raw)
    if (!parsed.success) return fail('command', parsed.error)
    const command = parsed.data
    if (command.cmd === 'mute') {
      state.muted = command.muted
      socket.emit('rtc:toggleMute', { callId: options.callId, muted: command.muted })
    } else if (command.cmd === 'video') {
      state.videoEnabled = command.enabled
      socket.emit('rtc:toggleVideo', { callId: options.callId, enabled: command.enabled })
    } else {
      socket.emit('rtc:leaveCall', { callId: options.callId })
      for (const userId of [...peers.keys()]) closePeer(userId)
      state.participants = {}
      state.status = 'left'
    }
    changed()
  })
  // The test runner owns this process: when it lets go of stdin, stop.
  commands.on('close', () => process.exit(0))
}

main().catch((error: unknown) => {
  fail('start', error)
  state.status = 'failed'
})
