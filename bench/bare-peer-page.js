/* global window, document, location, RTCPeerConnection, io */
/**
 * The floor of the benchmarks, page side: a bare WebRTC peer, written the way the platform's own
 * documentation shows and nothing else. One plain getUserMedia({ audio: true, video: true })
 * before anything is timed, one RTCPeerConnection per remote with the default configuration,
 * addTrack(track, stream) for each track, default createOffer/createAnswer, candidates sent as they
 * come and applied as they arrive, remote video from event.streams[0]. No SDP rewriting, no
 * transceivers, no constraints, no preview.
 *
 * Signaling goes through a bare Socket.IO relay (bench/bare-relay.ts), the transport the
 * protocol itself uses. The page marks the same User Timing stages as the app
 * (`call:offer-sent:<id>` ...) so one reader compares them. `?id=NAME` names the page;
 * `&self=1` also shows its own camera, as the app's call grid does, and `&tile=WxH` sizes the tiles
 * as the app's (the CPU bench).
 */
const params = new URLSearchParams(location.search)
const selfId = params.get('id') ?? 'anonymous'
const showSelf = params.get('self') === '1'

const grid = document.getElementById('grid')
const tile = /^(\d+)x(\d+)$/.exec(params.get('tile') ?? '')
if (tile) {
  grid.style.gridTemplateColumns = `repeat(2, ${tile[1]}px)`
  grid.style.gridTemplateRows = `repeat(2, ${tile[2]}px)`
}
/** remote id -> RTCPeerConnection */
const links = new Map()
/** remote id -> the <video> showing them */
const videos = new Map()
/** remote id -> the promise of the last message handled for them */
const chains = new Map()
/** Stages already marked in this call, so each is marked once per remote. */
const marked = new Set()
let media = null

const socket = io({ transports: ['websocket'] })
const send = (message) => socket.emit('signal', message)

function mark(stage, remote) {
  const key = `${stage}:${remote}`
  if (marked.has(key)) return
  marked.add(key)
  performance.mark(`call:${key}`)
}

function addVideo(stream, muted) {
  const video = document.createElement('video')
  video.autoplay = true
  video.playsInline = true
  video.muted = muted
  video.srcObject = stream
  grid.append(video)
  return video
}

function show(remote, stream) {
  const shown = videos.get(remote)
  if (shown) {
    if (shown.srcObject !== stream) shown.srcObject = stream
    return
  }
  const video = addVideo(stream, false)
  videos.set(remote, video)
  video.requestVideoFrameCallback(() => mark('first-frame', remote))
}

function link(remote) {
  const pc = new RTCPeerConnection()
  links.set(remote, pc)
  for (const track of media.getTracks()) pc.addTrack(track, media)
  pc.onicecandidate = ({ candidate }) => {
    if (candidate) send({ kind: 'candidate', to: remote, candidate: candidate.toJSON() })
  }
  pc.oniceconnectionstatechange = () => {
    const state = pc.iceConnectionState
    if (state === 'connected' || state === 'completed') mark('ice-connected', remote)
  }
  // 'connected' needs ICE and DTLS both up: the moment DTLS is done.
  pc.onconnectionstatechange = () => {
    if (pc.connectionState === 'connected') mark('dtls-connected', remote)
  }
  pc.ontrack = ({ streams }) => {
    mark('track', remote)
    if (streams[0]) show(remote, streams[0])
  }
  return pc
}

async function handle(message) {
  const remote = message.from
  if (message.kind === 'offer') {
    mark('offer-received', remote)
    const pc = link(remote)
    await pc.setRemoteDescription({ type: 'offer', sdp: message.sdp })
    await pc.setLocalDescription(await pc.createAnswer())
    send({ kind: 'answer', to: remote, sdp: pc.localDescription.sdp })
    mark('answer-sent', remote)
  } else if (message.kind === 'answer') {
    mark('answer-received', remote)
    await links.get(remote)?.setRemoteDescription({ type: 'answer', sdp: message.sdp })
  } else if (message.kind === 'candidate') {
    await links.get(remote)?.addIceCandidate(message.candidate)
  }
}

// Messages from one remote are handled in the order they came: a candidate that arrived while its
// offer was still being applied waits for it (addIceCandidate before setRemoteDescription throws).
socket.on('signal', (message) => {
  const next = (chains.get(message.from) ?? Promise.resolve()).then(() => handle(message))
  chains.set(
    message.from,
    next.catch((error) => console.error(`bare peer ${selfId}: ${String(error)}`)),
  )
})

window.bare = {
  /** Resolves once the camera and microphone are open and the relay knows this page. */
  ready: (async () => {
    media = await navigator.mediaDevices.getUserMedia({ audio: true, video: true })
    if (showSelf) addVideo(media, true)
    if (!socket.connected) await new Promise((resolve) => socket.once('connect', resolve))
    await socket.emitWithAck('hello', selfId)
  })(),
  /**
   * Joins the room (a round trip to the relay, as any client joins a call before it can offer),
   * then offers to each page already there at once. Resolves with their ids.
   */
  async call() {
    performance.mark('bare:start')
    performance.mark('call:join-sent')
    const remotes = await socket.emitWithAck('join')
    performance.mark('call:call-started')
    for (const remote of remotes) {
      const pc = link(remote)
      const offered = (async () => {
        await pc.setLocalDescription(await pc.createOffer())
        send({ kind: 'offer', to: remote, sdp: pc.localDescription.sdp })
        mark('offer-sent', remote)
      })()
      chains.set(remote, offered)
    }
    return remotes
  },
  /** Ends every link and forgets this call (media stays open, as the app's does in its lobby). */
  hangUp() {
    socket.emit('leave')
    for (const pc of links.values()) pc.close()
    for (const video of videos.values()) video.remove()
    links.clear()
    videos.clear()
    chains.clear()
    marked.clear()
  },
}
