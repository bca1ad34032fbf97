/**
 * A remote person's voice level, read the cheap way when it can be: from the audio-level header of
 * their packets (what their own sender measured). A peer whose packets carry no level (a client
 * that did not negotiate the header) is measured through an analyser instead, once the level has
 * been missing for a while (not at once: before their first packet no one has a level), and the
 * analyser goes as soon as their packets tell one again.
 */
/** What an analyser gives (audio/track-level.ts's TrackLevel). */
export interface LevelReader {
  /** 0..1 */
  read(): number
  dispose(): void
}

export interface RemoteVoiceLevel extends LevelReader {
  /** Whether an analyser measures this voice now (one per peer without the header). */
  readonly analysing: boolean
}

export function createRemoteVoiceLevel(
  fromPackets: () => number | null,
  openAnalyser: () => LevelReader,
  looksBeforeAnalyser: number,
): RemoteVoiceLevel {
  let analyser: LevelReader | null = null
  let looksWithoutLevel = 0
  const dispose = () => {
    analyser?.dispose()
    analyser = null
  }
  return {
    read() {
      const level = fromPackets()
      if (level !== null) {
        looksWithoutLevel = 0
        dispose()
        return level
      }
      looksWithoutLevel++
      if (looksWithoutLevel >= looksBeforeAnalyser) analyser ??= openAnalyser()
      return analyser?.read() ?? 0
    },
    get analysing() {
      return analyser !== null
    },
    dispose,
  }
}
