/* global window, document, location, RTCPeerConnection, io */
/**
 * A plain client of the calling backend, written from PROTOCOL.md and standard WebRTC only.
 * Deliberately simple, as most clients in the wild are: no perfect negotiation, no rollback, no
 * ICE restart. Query: ?call=<callId>&name=<display name>.
 *
 * Its socket is what a naive client's is: socket.io reconnects it after a drop, and every connect
 * joins the call again (PROTOCOL.md's lifecycle, from step 2). A socket the server closed (its
 * access token expired) reconnects with a token from /api/v1/auth/refresh. Peer connections are
 * kept across all of that: on a rejoin it offers only to people it has no connection with.
 *
 * `window.plain` is what the tests read: who is in the call with which media state, every track
 * event per remote, and errors met along the way (kept, never thrown, so the page stays up).
 */
;(function () {
  const params = new URLSearchParams(location.search)
  const callId = params.get('call') || 'plain'
  const name = params.get('name') || 'Plain'

  const state = {
    status: 'starting',
    userId: null,
    /** userId -> { userId, displayName, mediaState } */
    participants: {},
    /** userId -> [{ kind, trackId, streamIds }] in the order the track events came */
    trackEvents: {},
    errors: [],
    /** Every message the server sent, for a failing test to show. */
    log: [],
    /** How many times the socket connected (1 + reconnects), and how many RTCPeerConnections per remote. */
    connects: 0,
    peerConnections: {},
    /** Offers received per remote, and how many of them restarted ICE (a new ice-ufrag). */
    offers: {},
    iceRestarts: {},
  }
  const peers = new Map()
  let socket = null
  let localStream = null
  let session = null
  /** The ice-ufrag of the last offer from each remote: a new one is an ICE restart. */
  const lastUfrag = new Map()

  function fail(where, error) {
    state.errors.push(where + ': ' + (error && error.message ? error.message : String(error)))
  }

  function setStatus(text) {
    state.status = text
    document.getElementById('status').textContent = text
  }

  function remoteVideo(userId) {
    let video = document.getElementById('video-' + userId)
    if (!video) {
      const figure = document.createElement('figure')
      figure.id = 'remote-' + userId
      video = document.createElement('video')
      video.id = 'video-' + userId
      video.autoplay = true
      video.playsInline = true
      const caption = document.createElement('figcaption')
      const known = state.participants[userId]
      caption.textContent = (known && known.displayName) || userId
      figure.append(video, caption)
      document.getElementById('remotes').append(figure)
    }
    return video
  }

  function createPeer(userId) {
    const pc = new RTCPeerConnection({ iceServers: state.iceServers })
    peers.set(userId, pc)
    state.peerConnections[userId] = (state.peerConnections[userId] || 0) + 1
    state.trackEvents[userId] = []
    for (const track of localStream.getTracks()) pc.addTrack(track, localStream)
    pc.onicecandidate = (event) => {
      if (event.candidate) {
        socket.emit('rtc:candidate', { callId, toUserId: userId, candidate: event.candidate })
      }
    }
    pc.ontrack = (event) => {
      state.trackEvents[userId].push({
        kind: event.track.kind,
        trackId: event.track.id,
        streamIds: event.streams.map((stream) => stream.id),
      })
      // The remote's latest stream, as the documentation's examples show it.
      remoteVideo(userId).srcObject = event.streams[0]
    }
    return pc
  }

  function closePeer(userId) {
    const pc = peers.get(userId)
    if (pc) pc.close()
    peers.delete(userId)
    const figure = document.getElementById('remote-' + userId)
    if (figure) figure.remove()
  }

  async function offerTo(userId) {
    const pc = createPeer(userId)
    const offer = await pc.createOffer()
    await pc.setLocalDescription(offer)
    socket.emit('rtc:offer', { callId, toUserId: userId, sdp: pc.localDescription.sdp })
  }

  function countOffer(userId, sdp) {
    state.offers[userId] = (state.offers[userId] || 0) + 1
    const ufrag = (/a=ice-ufrag:(\S+)/.exec(sdp) || [])[1] || null
    const before = lastUfrag.get(userId)
    if (before && ufrag && before !== ufrag && peers.has(userId)) {
      state.iceRestarts[userId] = (state.iceRestarts[userId] || 0) + 1
    }
    lastUfrag.set(userId, ufrag)
  }

  async function answer(userId, sdp) {
    countOffer(userId, sdp)
    const pc = peers.get(userId) || createPeer(userId)
    await pc.setRemoteDescription({ type: 'offer', sdp })
    const description = await pc.createAnswer()
    await pc.setLocalDescription(description)
    socket.emit('rtc:answer', { callId, toUserId: userId, sdp: pc.localDescription.sdp })
  }

  function onServer(event, handler) {
    socket.on(event, (payload) => {
      state.log.push({ event, payload })
      Promise.resolve()
        .then(() => handler(payload))
        .catch((error) => fail(event, error))
    })
  }

  async function signIn(path, body) {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    if (!response.ok) throw new Error('sign-in failed: ' + response.status)
    session = await response.json()
  }

  /** A fresh access token, then the socket connects again (and so joins again). */
  function reconnectWithFreshToken() {
    signIn('/api/v1/auth/refresh', { refreshToken: session.refreshToken })
      .then(() => socket.connect())
      .catch((error) => fail('refresh', error))
  }

  async function start() {
    await signIn('/api/v1/auth/login', { username: name })
    state.userId = session.user.id

    const configResponse = await fetch('/api/v1/rtc/config', {
      headers: { authorization: 'Bearer ' + session.accessToken },
    })
    if (!configResponse.ok) throw new Error('rtc config failed: ' + configResponse.status)
    const config = await configResponse.json()
    state.iceServers = config.stunUrls.map((url) => ({ urls: url }))
    for (const url of config.turnUrls) {
      state.iceServers.push({
        urls: url,
        username: config.turnUsername,
        credential: config.turnCredential,
      })
    }

    localStream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true })
    document.getElementById('local').srcObject = localStream

    socket = io({ auth: (cb) => cb({ token: session.accessToken }) })
    socket.on('connect', () => {
      state.connects++
      socket.emit('rtc:joinCall', {
        callId,
        initialMediaState: { muted: false, videoEnabled: true, screenSharing: false },
      })
    })
    socket.on('connect_error', (error) => {
      // The token expired while the socket was away: socket.io stops; refresh and try again.
      if (error.message === 'UNAUTHORIZED') reconnectWithFreshToken()
      else if (socket.active) state.log.push({ event: 'connect_error', payload: error.message })
      else fail('connect', error)
    })
    socket.on('disconnect', (reason) => {
      // The server closed it (its token expired): socket.io does not reconnect on its own.
      if (reason === 'io server disconnect') reconnectWithFreshToken()
    })

    onServer('rtc:callStarted', async (payload) => {
      setStatus('in call')
      for (const participant of payload.participants) {
        if (participant.userId === state.userId) continue
        state.participants[participant.userId] = participant
      }
      // The joiner offers to everyone already there.
      for (const participant of payload.participants) {
        if (participant.userId === state.userId || peers.has(participant.userId)) continue
        await offerTo(participant.userId)
      }
    })
    onServer('rtc:participantJoined', (payload) => {
      state.participants[payload.userId] = {
        userId: payload.userId,
        displayName: payload.displayName,
        mediaState: payload.mediaState,
      }
    })
    onServer('rtc:participantLeft', (payload) => {
      state.participants = Object.fromEntries(
        Object.entries(state.participants).filter(([userId]) => userId !== payload.userId),
      )
      closePeer(payload.userId)
    })
    // After leaving, an offer still in flight (sent before the server knew) is not for us.
    onServer('rtc:offer', (payload) => {
      if (state.status === 'in call') return answer(payload.fromUserId, payload.sdp)
    })
    onServer('rtc:answer', async (payload) => {
      const pc = peers.get(payload.fromUserId)
      if (pc) await pc.setRemoteDescription({ type: 'answer', sdp: payload.sdp })
    })
    onServer('rtc:candidate', async (payload) => {
      const pc = peers.get(payload.fromUserId)
      if (pc) await pc.addIceCandidate(payload.candidate)
    })
    onServer('rtc:mediaUpdated', (payload) => {
      const known = state.participants[payload.userId]
      if (known) known.mediaState = payload.mediaState
    })
    onServer('rtc:error', (payload) => {
      // Said just before the server closes the socket; the disconnect handler renews it.
      if (payload.details && payload.details.reason === 'token-expired') return
      const details = JSON.stringify(payload.details)
      fail('server', new Error(payload.code + ' ' + payload.message + ' ' + details))
    })
  }

  /** What the tests drive and read. */
  window.plain = {
    state,
    setMuted(muted) {
      for (const track of localStream.getAudioTracks()) track.enabled = !muted
      socket.emit('rtc:toggleMute', { callId, muted })
    },
    setVideoEnabled(enabled) {
      for (const track of localStream.getVideoTracks()) track.enabled = enabled
      socket.emit('rtc:toggleVideo', { callId, enabled })
    },
    /** The socket drops (as on a dead network) and comes back after `ms`, with a fresh token. */
    dropSignaling(ms) {
      socket.disconnect()
      setTimeout(reconnectWithFreshToken, ms)
    },
    leave() {
      socket.emit('rtc:leaveCall', { callId })
      for (const userId of [...peers.keys()]) closePeer(userId)
      state.participants = {}
      setStatus('left')
    },
    /** Per remote: the <video> playing their latest stream, and what getStats counts inbound. */
    async sample(userId) {
      const pc = peers.get(userId)
      const video = document.getElementById('video-' + userId)
      const stream = video ? video.srcObject : null
      const result = {
        connectionState: pc ? pc.connectionState : 'none',
        streamId: stream ? stream.id : null,
        streamTrackKinds: stream ? stream.getTracks().map((track) => track.kind) : [],
        videoWidth: video ? video.videoWidth : 0,
        totalVideoFrames: video ? video.getVideoPlaybackQuality().totalVideoFrames : 0,
        framesDecoded: 0,
        audioBytesReceived: 0,
        audioPacketsReceived: 0,
        totalAudioEnergy: 0,
      }
      if (!pc) return result
      const report = await pc.getStats()
      report.forEach((entry) => {
        if (entry.type !== 'inbound-rtp') return
        if (entry.kind === 'video') result.framesDecoded += entry.framesDecoded || 0
        if (entry.kind === 'audio') {
          result.audioBytesReceived += entry.bytesReceived || 0
          result.audioPacketsReceived += entry.packetsReceived || 0
          result.totalAudioEnergy += entry.totalAudioEnergy || 0
        }
      })
      return result
    },
  }

  start().catch((error) => {
    fail('start', error)
    setStatus('failed')
  })
})()
