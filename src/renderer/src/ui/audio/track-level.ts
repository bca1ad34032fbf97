/**
 * The loudness of one audio track, read on demand: a MediaStreamAudioSourceNode into an
 * AnalyserNode, nothing connected to the speakers.
 */

/** About 85 ms at 48 kHz: read every 100 ms, a sound of 15 ms or more is always seen. */
const WINDOW = 4096
/** About 11 ms: a syllable's burst is measured on its own instead of averaged with silence. */
const BLOCK = 512

export interface TrackLevel {
  /** The loudest short block's RMS in the latest window: 0 (silence) to about 1 (full scale). */
  read(): number
  dispose(): void
}

export function createTrackLevel(context: AudioContext, track: MediaStreamTrack): TrackLevel {
  const source = context.createMediaStreamSource(new MediaStream([track]))
  const analyser = context.createAnalyser()
  analyser.fftSize = WINDOW
  source.connect(analyser)
  const samples = new Float32Array(WINDOW)
  return {
    read() {
      analyser.getFloatTimeDomainData(samples)
      let loudest = 0
      for (let block = 0; block < WINDOW; block += BLOCK) {
        let sum = 0
        for (let index = block; index < block + BLOCK; index++) {
          const sample = samples[index] ?? 0
          sum += sample * sample
        }
        loudest = Math.max(loudest, Math.sqrt(sum / BLOCK))
      }
      return loudest
    },
    dispose() {
      source.disconnect()
      analyser.disconnect()
    },
  }
}

/** 0..1 for a meter: -60 dBFS and below is empty, 0 dBFS full; loudness is heard in decibels. */
export function levelToMeter(level: number): number {
  if (!(level > 0)) return 0
  const decibels = 20 * Math.log10(level)
  return Math.min(1, Math.max(0, (decibels + 60) / 60))
}
