/**
 * A local recording of the call: the composited stage as video, every voice (yours included)
 * mixed through the shared AudioContext, into MediaRecorder in one-second chunks so a crash loses
 * at most a second. Each chunk goes to a RecordingSink as it arrives: a file written as it goes,
 * or memory, where past a size worth knowing about the person is told.
 */
import { sharedAudioContext } from '../audio/shared-audio-context'
import type { RecordingSink } from './recording-sink'
import { createStageCompositor } from './stage-compositor'

const FRAMES_PER_SECOND = 10
const CHUNK_MS = 1_000
/** Past this much held in memory, the person is told the recording is getting large. */
export const LARGE_RECORDING_BYTES = 1024 * 1024 * 1024

export interface CallRecorderOptions {
  stage: () => HTMLElement | null
  sink: RecordingSink
  onSizeChange: (bytes: number) => void
}

export interface CallRecorder {
  /** The audio tracks to mix: everyone's microphone; called whenever people come and go. */
  setAudioTracks(tracks: readonly MediaStreamTrack[]): void
  /** Ends the recording; resolves once the sink has the whole file. */
  stop(): Promise<void>
}

function supportedMimeType(): string {
  const candidates = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm']
  return candidates.find((type) => MediaRecorder.isTypeSupported(type)) ?? 'video/webm'
}

export function startCallRecorder({
  stage,
  sink,
  onSizeChange,
}: CallRecorderOptions): CallRecorder {
  const audio = sharedAudioContext()
  const mix = audio.createMediaStreamDestination()
  const sources = new Map<string, MediaStreamAudioSourceNode>()
  const compositor = createStageCompositor(stage)
  // Frames are taken on request, after each paint: a capture at a set rate waits on the page's
  // rendering, which stalls while the window is hidden or busy.
  const video = compositor.canvas.captureStream(0).getVideoTracks()
  const paintFrame = () => {
    compositor.paint()
    for (const track of video) (track as CanvasCaptureMediaStreamTrack).requestFrame()
  }
  paintFrame()
  // A timer, not requestAnimationFrame: a recording must go on while the window is hidden.
  const painter = window.setInterval(paintFrame, 1000 / FRAMES_PER_SECOND)
  const mimeType = supportedMimeType()
  const recorder = new MediaRecorder(new MediaStream([...video, ...mix.stream.getAudioTracks()]), {
    mimeType,
  })
  let bytes = 0
  recorder.ondataavailable = (event) => {
    if (event.data.size === 0) return
    sink.write(event.data)
    bytes += event.data.size
    onSizeChange(bytes)
  }
  recorder.start(CHUNK_MS)

  function setAudioTracks(tracks: readonly MediaStreamTrack[]): void {
    const wanted = new Map(tracks.map((track) => [track.id, track]))
    for (const [id, source] of sources) {
      if (wanted.has(id)) continue
      source.disconnect()
      sources.delete(id)
    }
    for (const [id, track] of wanted) {
      if (sources.has(id) || track.readyState !== 'live') continue
      const source = audio.createMediaStreamSource(new MediaStream([track]))
      source.connect(mix)
      sources.set(id, source)
    }
  }

  function stop(): Promise<void> {
    const stopped = new Promise<void>((resolve) => {
      const finish = () => {
        window.clearInterval(painter)
        compositor.dispose()
        for (const source of sources.values()) source.disconnect()
        sources.clear()
        for (const track of [...video, ...mix.stream.getTracks()]) track.stop()
        resolve()
      }
      if (recorder.state === 'inactive') return finish()
      // The last dataavailable comes before stop: every chunk is in the sink by then.
      recorder.addEventListener('stop', finish, { once: true })
      recorder.stop()
    })
    return stopped.then(() => sink.finish(mimeType.split(';')[0] ?? 'video/webm'))
  }

  return { setAudioTracks, stop }
}
