/**
 * The "Record" / "Stop recording" control and the badge shown while recording. "Record" first asks
 * where to save (where the host can write a file as it goes), then writes each chunk there; where
 * it cannot, stopping downloads the .webm. Whether it runs is told to the others over the in-call
 * channel.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ParticipantView } from '../../engine/call-engine-api'
import { i18n } from '../common/translator'
import type { ControlAction } from '../media/media-toggles'
import type { Announce } from '../notices/notices'
import { LARGE_RECORDING_BYTES, startCallRecorder, type CallRecorder } from './call-recorder'
import { elapsedText, recordingFileName } from './recording-file-name'
import { openRecordingSink, RecordingCancelled, type RecordingSink } from './recording-sink'
import './recording.css'

/** The call screen's stage: the recording shows what it shows. */
const stageElement = () => document.querySelector<HTMLElement>('.call .stage')

interface Running {
  recorder: CallRecorder
  sink: RecordingSink
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
  const { t } = useTranslation()
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
      void current.recorder.stop().catch((error: unknown) => {
        console.warn('[parley] the recording could not be saved', error)
      })
    },
    [],
  )

  async function start() {
    const startedAt = new Date()
    setSaving(true)
    let sink: RecordingSink
    try {
      sink = await openRecordingSink(
        recordingFileName(callId, startedAt),
        i18n.t('recording.fileType'),
        (error) => {
          console.warn('[parley] a recording chunk could not be written', error)
          announce(i18n.t('recording.writeFailed'))
        },
      )
    } catch (error) {
      setSaving(false)
      if (error instanceof RecordingCancelled) announce(i18n.t('recording.cancelled'))
      else {
        console.warn('[parley] could not open the recording file', error)
        announce(i18n.t('recording.unavailable'))
      }
      return
    }
    setSaving(false)
    try {
      const recorder = startCallRecorder({ stage: stageElement, sink, onSizeChange: setBytes })
      recorder.setAudioTracks(audioTracksOf(people))
      const next = { recorder, sink, startedAt }
      runningRef.current = next
      setBytes(0)
      setRunning(next)
      announce(i18n.t('recording.started'))
    } catch (error) {
      console.warn('[parley] could not start recording', error)
      void sink.finish('video/webm').catch(() => undefined)
      announce(i18n.t('recording.unavailable'))
    }
  }

  async function stop() {
    const current = runningRef.current
    if (!current) return
    runningRef.current = null
    setSaving(true)
    try {
      await current.recorder.stop()
      announce(i18n.t('recording.saved'))
    } catch (error) {
      console.warn('[parley] the recording could not be saved', error)
      announce(i18n.t('recording.writeFailed'))
    } finally {
      setRunning(null)
      setSaving(false)
    }
  }

  // Held in memory (no file to write to): said once, when it gets large, and shown on the badge.
  const large = running?.sink.kind === 'memory' && bytes > LARGE_RECORDING_BYTES
  useEffect(() => {
    if (large) announce(i18n.t('recording.large'))
  }, [large, announce])

  const action: ControlAction = {
    id: 'record',
    label: running ? t('recording.stop') : t('recording.record'),
    icon: <RecordIcon />,
    tone: running ? 'active' : 'neutral',
    disabled: saving,
    onSelect: () => void (running ? stop() : start()),
  }
  const badge = running ? <RecordingBadge startedAt={running.startedAt} large={large} /> : null
  return { action, badge, active: running !== null }
}

function RecordingBadge({ startedAt, large }: { startedAt: Date; large: boolean }) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1_000)
    return () => window.clearInterval(timer)
  }, [])
  const { t } = useTranslation()
  return (
    <p className="recording-badge">
      <span className="recording-badge__dot" aria-hidden="true" />
      {t('recording.badge', { elapsed: elapsedText(now - startedAt.getTime()) })}
      {large ? <span className="recording-badge__warning"> · {t('recording.large')}</span> : null}
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
