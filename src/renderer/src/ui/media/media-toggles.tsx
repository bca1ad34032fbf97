/**
 * Microphone and camera buttons, the same in the lobby and in a call. Each button's name says
 * what pressing it does, and switches with the state.
 */
import type { CallEngine, ParticipantView } from '../../engine/call-engine-api'
import { CameraIcon, CameraOffIcon, MicIcon, MicOffIcon } from '../common/icons'
import { useShortcutTitle } from '../shortcuts/shortcut-hints'
import { ControlButton } from './control-button'

export interface MediaTogglesProps {
  engine: CallEngine
  self: ParticipantView | null
}

export function MediaToggles({ engine, self }: MediaTogglesProps) {
  const muted = self?.mediaState.muted ?? false
  const cameraOn = self?.mediaState.videoEnabled ?? true
  const ready = self !== null
  const micLabel = muted ? 'Unmute microphone' : 'Mute microphone'
  const cameraLabel = cameraOn ? 'Turn off camera' : 'Turn on camera'
  const micTitle = useShortcutTitle(micLabel, 'toggle-mute')
  const cameraTitle = useShortcutTitle(cameraLabel, 'toggle-camera')

  return (
    <>
      <ControlButton
        label={micLabel}
        title={micTitle}
        icon={muted ? <MicOffIcon /> : <MicIcon />}
        tone={muted ? 'off' : 'neutral'}
        disabled={!ready}
        onClick={() => engine.setMuted(!muted)}
      />
      <ControlButton
        label={cameraLabel}
        title={cameraTitle}
        icon={cameraOn ? <CameraIcon /> : <CameraOffIcon />}
        tone={cameraOn ? 'neutral' : 'off'}
        disabled={!ready}
        onClick={() => {
          // Errors (no camera, permission refused) come back through CallState.error.
          engine.setCameraEnabled(!cameraOn).catch(() => undefined)
        }}
      />
    </>
  )
}
