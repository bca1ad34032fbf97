/* global window, document, RTCPeerConnection, MediaStream */
/**
 * The floor of `npm run bench:call`, page side: a bare WebRTC peer with the engine's media
 * plumbing and nothing else (no server, no UI, no engine). Offers, answers and candidates go
 * through the bench script (`floorSend` out, `floorDeliver` in). Plain JavaScript because it runs
 * only in the page; `floorSetup(id)` starts the camera and microphone and installs `floor`.
 */
window.floorSetup = async (selfId) => {
  const media = await navigator.mediaDevices.getUserMedia({
    audio: true,
    video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 24, max: 30 } },
  })
  // A local preview, as the app's lobby has: the capturer has a sink before any connection.
  const preview = document.createElement('video')
  preview.muted = true
  preview.autoplay = true
  preview.style.cssText = 'position:fixed;bottom:0;right:0;width:160px;height:120px'
  preview.srcObject = media
  document.body.append(preview)
  void preview.play().catch(() => undefined)
  // Ready when the camera shows in the preview, as the app's clients are before Join.
  await new Promise((resolve) => preview.requestVideoFrameCallback(resolve))

  const pcs = new Map()
  const send = (message) => void window.floorSend(message)
  const makePc = (remote, offerer) => {
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' })
    pcs.set(remote, pc)
    // As the engine does: the offerer adds sendrecv transceivers carrying its tracks under one
    // stream id, so the receiver plays them in lip sync (as a bare page's addTrack(track, stream)
    // would); the answerer gives its tracks to the offer's transceivers under the same label.
    if (offerer) {
      for (const track of media.getTracks()) {
        pc.addTransceiver(track, { direction: 'sendrecv', streams: [media] })
      }
    }
    pc.onicecandidate = ({ candidate }) => {
      if (candidate) {
        send({ kind: 'candidate', from: selfId, to: remote, candidate: candidate.toJSON() })
      }
    }
    pc.oniceconnectionstatechange = () =>
      performance.mark(`floor:ice-${pc.iceConnectionState}:${remote}`)
    pc.ontrack = ({ track }) => {
      if (track.kind !== 'video') return
      const video = document.createElement('video')
      video.autoplay = true
      video.muted = true
      video.playsInline = true
      // In view, like a tile: an off-screen video may never present a frame.
      video.style.cssText = 'position:fixed;top:0;left:0;width:320px;height:240px'
      video.srcObject = new MediaStream([track])
      document.body.append(video)
      void video.play().catch(() => undefined)
      video.requestVideoFrameCallback(() => performance.mark(`floor:first-frame:${remote}`))
    }
    return pc
  }

  // Messages for one remote are applied in order, so a candidate never meets a connection whose
  // remote description is still being set (that would drop it and slow ICE down).
  const chains = new Map()
  const handle = async (data) => {
    if (data.kind === 'offer') {
      const pc = makePc(data.from, false)
      await pc.setRemoteDescription({ type: 'offer', sdp: data.sdp })
      for (const transceiver of pc.getTransceivers()) {
        const track = media.getTracks().find((t) => t.kind === transceiver.receiver.track.kind)
        transceiver.direction = 'sendrecv'
        transceiver.sender.setStreams(media)
        if (track) await transceiver.sender.replaceTrack(track)
      }
      // The first answer takes the DTLS server role, as the engine's does.
      const answer = await pc.createAnswer()
      await pc.setLocalDescription({
        type: 'answer',
        sdp: answer.sdp.replace(/a=setup:active/g, 'a=setup:passive'),
      })
      send({ kind: 'answer', from: selfId, to: data.from, sdp: pc.localDescription.sdp })
    } else if (data.kind === 'answer') {
      await pcs.get(data.from)?.setRemoteDescription({ type: 'answer', sdp: data.sdp })
    } else if (data.kind === 'candidate') {
      await pcs.get(data.from)?.addIceCandidate(data.candidate)
    }
  }
  window.floorDeliver = (data) => {
    if (data.to !== selfId) return
    const next = (chains.get(data.from) ?? Promise.resolve()).then(() => handle(data))
    chains.set(
      data.from,
      next.catch(() => undefined),
    )
  }
  window.floor = {
    start(remotes) {
      performance.mark('floor:start')
      for (const remote of remotes) {
        const pc = makePc(remote, true)
        const offered = pc
          .setLocalDescription()
          .then(() =>
            send({ kind: 'offer', from: selfId, to: remote, sdp: pc.localDescription.sdp }),
          )
        chains.set(remote, offered)
      }
    },
    reset() {
      for (const pc of pcs.values()) pc.close()
      pcs.clear()
      chains.clear()
      document.querySelectorAll('video').forEach((video) => {
        if (video !== preview) video.remove()
      })
      performance.clearMarks()
    },
  }
}
