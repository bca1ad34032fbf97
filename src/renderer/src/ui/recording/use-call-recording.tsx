/**
 * The "Record" / "Stop recording" control and the badge shown while recording. Stopping saves a
 * .webm: the browser downloads it. Whether it runs is told to the others over the in-call channel.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { ParticipantView } from '../../engine/call-engine-api'
import type { ControlAction } from '../media/media-toggles'
import type { Announce } from '../notices/notices'
import {
  downloadRecording,
  LARGE_RECORDING_BYTES,
  startCallRecorder,
  type CallRecorder,
} from './call-recorder'
import { elapsedText, recordingFileName } from './recording-file-name'
import './recording.css'

/** The call screen's stage: the recording shows what it shows. */
const stageElement = () => document.querySelector<HTMLElement>('.call .stage')

interface Running {
  recorder: CallRecorder
  startedAt: Date
}

export interface CallRecording {
  /** Record / Stop recording, for the controls bar. */
  action: ControlAction
  badge: ReactNode
  /** A recording is running (or being saved). */
  active: boolean
}

function audioTracksOf(people: readonly ParticipantView[]): MediaStreamTrack[] {
  return people.flatMap((person) => person.cameraStream?.getAudioTracks().slice(0, 1) ?? [])
}

export function useCallRecording(
  callId: string | null,
  people: readonly ParticipantView[],
  announce: Announce,
): CallRecording {
  const [running, setRunning] = useState<Running | null>(null)
  const [bytes, setBytes] = useState(0)
  const [saving, setSaving] = useState(false)
  const runningRef = useRef<Running | null>(null)

  // Voices come and go with people, and a switched microphone is a new track.
  useEffect(() => {
    running?.recorder.setAudioTracks(audioTracksOf(people))
  }, [running, people])

  // Leaving the call (or the page) with a recording running still saves what was recorded.
  useEffect(
    () => () => {
      const current = runningRef.current
      if (!current) return
      runningRef.current = null
      void current.recorder
        .stop()
        .then((blob) => downloadRecording(blob, recordingFileName(callId, current.startedAt)))
    },
    [callId],
  )

  function start() {
    try {
      const recorder = startCallRecorder({ stage: stageElement, onSizeChange: setBytes })
      recorder.setAudioTracks(audioTracksOf(people))
      const next = { recorder, startedAt: new Date() }
      runningRef.current = next
      setBytes(0)
      setRunning(next)
      announce('Recording started')
    } catch (error) {
      console.warn('[parley] could not start recording', error)
      announce('Recording is not available here')
    }
  }

  async function stop() {
    const current = runningRef.current
    if (!current) return
    runningRef.current = null
    setSaving(true)
    const blob = await current.recorder.stop()
    setRunning(null)
    setSaving(false)
    downloadRecording(blob, recordingFileName(callId, current.startedAt))
    announce('Recording saved')
  }

  const action: ControlAction = {
    id: 'record',
    label: running ? 'Stop recording' : 'Record',
    icon: <RecordIcon />,
    tone: running ? 'active' : 'neutral',
    disabled: saving,
    onSelect: () => (running ? void stop() : start()),
  }
  const badge = running ? (
    <RecordingBadge startedAt={running.startedAt} large={bytes > LARGE_RECORDING_BYTES} />
  ) : null
  return { action, badge, active: running !== null }
}

function RecordingBadge({ startedAt, large }: { startedAt: Date; large: boolean }) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1_000)
    return () => window.clearInterval(timer)
  }, [])
  return (
    <p className="recording-badge">
      <span className="recording-badge__dot" aria-hidden="true" />
      Recording {elapsedText(now - startedAt.getTime())}
      {large ? (
        <span className="recording-badge__warning">
          {' '}
          · over 1 GB held in memory: stop soon to save it
        </span>
      ) : null}
    </p>
  )
}

function RecordIcon() {
  return (
    <svg width={20} height={20} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="7" fill="none" stroke="currentColor" strokeWidth={1.8} />
      <circle cx="12" cy="12" r="3.5" fill="currentColor" />
    </svg>
  )
}
