/**
 * Turns a stream of audio levels into "speaking" / "not speaking" with hysteresis, so the ring
 * neither flickers between syllables nor lights up for a cough's echo. Pure: the caller samples.
 */

export interface SpeakingThresholds {
  /** RMS level (0..1) at or above which a sample counts as voice. */
  startLevel: number
  /** RMS level below which a sample counts as quiet; between the two the state is kept. */
  stopLevel: number
  /** How long the level must stay quiet before speaking ends, ms. */
  holdMs: number
}

/**
 * The levels suit a microphone with browser noise suppression: room noise sits well below 0.01,
 * a voice at arm's length well above 0.02. A 600 ms hold bridges the gaps between words.
 */
export const DEFAULT_SPEAKING_THRESHOLDS: SpeakingThresholds = {
  startLevel: 0.02,
  stopLevel: 0.01,
  holdMs: 600,
}

export interface SpeakingDetector {
  /** Feeds one sample taken at `nowMs`; returns whether the person is speaking now. */
  update(level: number, nowMs: number): boolean
  readonly speaking: boolean
}

export function createSpeakingDetector(
  thresholds: SpeakingThresholds = DEFAULT_SPEAKING_THRESHOLDS,
): SpeakingDetector {
  let speaking = false
  let lastVoiceAt = Number.NEGATIVE_INFINITY
  return {
    update(level, nowMs) {
      // A broken reading (NaN from a track that just ended) is silence, not voice.
      const safeLevel = Number.isFinite(level) ? level : 0
      if (safeLevel >= thresholds.startLevel || (speaking && safeLevel >= thresholds.stopLevel)) {
        lastVoiceAt = nowMs
        speaking = true
      } else if (speaking && nowMs - lastVoiceAt >= thresholds.holdMs) {
        speaking = false
      }
      return speaking
    },
    get speaking() {
      return speaking
    },
  }
}
