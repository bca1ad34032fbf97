/**
 * A local recording of the call: the composited stage as video, every voice (yours included)
 * mixed through the shared AudioContext, into MediaRecorder in one-second chunks so a crash loses
 * at most a second. The chunks are kept in memory; past a size worth knowing about the recorder
 * says so (a host that can write as it goes plugs in at `onChunk`).
 */
import { sharedAudioContext } from '../audio/shared-audio-context'
import { createStageCompositor } from './stage-compositor'

const FRAMES_PER_SECOND = 10
const CHUNK_MS = 1_000
/** Past this much held in memory, the person is told the recording is getting large. */
export const LARGE_RECORDING_BYTES = 1024 * 1024 * 1024

export interface CallRecorderOptions {
  stage: () => HTMLElement | null
  onSizeChange: (bytes: number) => void
}

export interface CallRecorder {
  /** The audio tracks to mix: everyone's microphone; called whenever people come and go. */
  setAudioTracks(tracks: readonly MediaStreamTrack[]): void
  /** Ends the recording; resolves with the whole file. */
  stop(): Promise<Blob>
}

function supportedMimeType(): string {
  const candidates = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm']
  return candidates.find((type) => MediaRecorder.isTypeSupported(type)) ?? 'video/webm'
}

export function startCallRecorder({ stage, onSizeChange }: CallRecorderOptions): CallRecorder {
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
  const chunks: Blob[] = []
  let bytes = 0
  recorder.ondataavailable = (event) => {
    if (event.data.size === 0) return
    chunks.push(event.data)
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

  function stop(): Promise<Blob> {
    return new Promise((resolve) => {
      const finish = () => {
        window.clearInterval(painter)
        compositor.dispose()
        for (const source of sources.values()) source.disconnect()
        sources.clear()
        for (const track of [...video, ...mix.stream.getTracks()]) track.stop()
        resolve(new Blob(chunks, { type: mimeType.split(';')[0] }))
      }
      if (recorder.state === 'inactive') return finish()
      recorder.addEventListener('stop', finish, { once: true })
      recorder.stop()
    })
  }

  return { setAudioTracks, stop }
}

/** The browser saves the file where downloads go. */
export function downloadRecording(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  // The click has started the download; the URL is no longer needed after it reads the blob.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
