/**
 * Microphone and camera buttons, the same in the lobby and in a call. Each button's name says
 * what pressing it does, and switches with the state.
 */
import type { ReactNode } from 'react'
import type { CallEngine, ParticipantView } from '../../engine/call-engine-api'
import { CameraIcon, CameraOffIcon, MicIcon, MicOffIcon } from '../common/icons'
import type { ShortcutAction } from '../shortcuts/shortcut-map'
import { i18n } from '../common/translator'
import { useTranslation } from 'react-i18next'
import { ControlButton, type ControlTone } from './control-button'

/** One control as data, so a bar can show it as a button or list it in a menu. */
export interface ControlAction {
  id: string
  label: string
  icon: ReactNode
  tone?: ControlTone
  disabled?: boolean
  onSelect: () => void
  /** For a control that opens a panel: whether it is open, and the panel's id. */
  expanded?: boolean
  controls?: string
  /** The keyboard shortcut shown in its tooltip during a call. */
  shortcut?: ShortcutAction
}

/**
 * A camera that is starting is as good as on for the button and its shortcut: pressing either
 * turns it off (and so cancels the start); the tile says it is starting.
 */
export function cameraIsOn(self: ParticipantView | null | undefined): boolean {
  return (self?.cameraStarting ?? false) || (self?.mediaState.videoEnabled ?? true)
}

export function mediaToggleActions(
  engine: CallEngine,
  self: ParticipantView | null,
): [ControlAction, ControlAction] {
  const muted = self?.mediaState.muted ?? false
  const cameraOn = cameraIsOn(self)
  const ready = self !== null
  return [
    {
      id: 'microphone',
      label: i18n.t(muted ? 'media.unmute' : 'media.mute'),
      icon: muted ? <MicOffIcon /> : <MicIcon />,
      tone: muted ? 'off' : 'neutral',
      disabled: !ready,
      shortcut: 'toggle-mute',
      onSelect: () => engine.setMuted(!muted),
    },
    {
      id: 'camera',
      label: i18n.t(cameraOn ? 'media.cameraOff' : 'media.cameraOn'),
      icon: cameraOn ? <CameraIcon /> : <CameraOffIcon />,
      tone: cameraOn ? 'neutral' : 'off',
      disabled: !ready,
      shortcut: 'toggle-camera',
      // Errors (no camera, permission refused) come back through CallState.error.
      onSelect: () => void engine.setCameraEnabled(!cameraOn).catch(() => undefined),
    },
  ]
}

export interface MediaTogglesProps {
  engine: CallEngine
  self: ParticipantView | null
}

export function MediaToggles({ engine, self }: MediaTogglesProps) {
  // Re-renders the labels when the language changes.
  useTranslation()
  return (
    <>
      {mediaToggleActions(engine, self).map((action) => (
        <ControlButton
          key={action.id}
          label={action.label}
          icon={action.icon}
          tone={action.tone}
          disabled={action.disabled}
          onClick={action.onSelect}
        />
      ))}
    </>
  )
}
