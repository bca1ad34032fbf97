/**
 * "Test speaker": plays a short generated chime through the speaker chosen under Devices, and
 * says where it played (or that it could not).
 */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CallState } from '../../engine/call-engine-api'
import { playTone, type Note } from '../audio/play-tone'
import './lobby-audio-check.css'

const CHIME: readonly Note[] = [
  { frequency: 523.25, start: 0, duration: 0.25 },
  { frequency: 659.25, start: 0.2, duration: 0.25 },
  { frequency: 783.99, start: 0.4, duration: 0.45 },
]

type TestState = { kind: 'idle' } | { kind: 'playing' } | { kind: 'failed' }

function speakerName(state: CallState, defaultName: string): string {
  const chosen = state.selectedDevices.audioOutput
  const device = state.devices.find(
    (candidate) => candidate.kind === 'audiooutput' && candidate.deviceId === chosen,
  )
  return device?.label || defaultName
}

export function SpeakerTest({ state }: { state: CallState }) {
  const [test, setTest] = useState<TestState>({ kind: 'idle' })
  const { t } = useTranslation()
  const name = speakerName(state, t('lobby.defaultSpeaker'))

  async function run() {
    setTest({ kind: 'playing' })
    const played = await playTone(CHIME, { sinkId: state.selectedDevices.audioOutput })
    setTest(played ? { kind: 'idle' } : { kind: 'failed' })
  }

  return (
    <div className="speaker-test">
      <button
        type="button"
        className="button button--secondary"
        disabled={test.kind === 'playing'}
        onClick={() => void run()}
      >
        {t('lobby.testSpeaker')}
      </button>
      <p className="muted small speaker-test__status" aria-live="polite">
        {test.kind === 'playing' ? t('lobby.speakerPlaying', { name }) : null}
        {test.kind === 'failed' ? t('lobby.speakerFailed', { name }) : null}
      </p>
    </div>
  )
}
