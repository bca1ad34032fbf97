/** The call's controls: microphone, camera, devices, screen share and leave. */
import type { ReactNode, Ref } from 'react'
import type { CallEngine, CallState } from '../../engine/call-engine-api'
import { LeaveIcon, ScreenIcon, StopScreenIcon } from '../common/icons'
import { ControlButton } from '../media/control-button'
import { MediaToggles } from '../media/media-toggles'
import { useShortcutTitle } from '../shortcuts/shortcut-hints'
import { DevicesControl } from './devices-control'

export interface ControlsBarProps {
  engine: CallEngine
  state: CallState
  onShareScreen: () => void
  shareButtonRef: Ref<HTMLButtonElement>
  /** More controls, before Leave (e.g. People). */
  children?: ReactNode
}

export function ControlsBar({
  engine,
  state,
  onShareScreen,
  shareButtonRef,
  children,
}: ControlsBarProps) {
  const self = state.self
  const sharing = self?.mediaState.screenSharing ?? false
  const shareLabel = sharing ? 'Stop sharing' : 'Share screen'
  const shareTitle = useShortcutTitle(shareLabel, 'toggle-screen-share')
  return (
    <section className="controls" aria-label="Call controls">
      <MediaToggles engine={engine} self={self} />
      <DevicesControl engine={engine} state={state} />
      <ControlButton
        ref={shareButtonRef}
        label={shareLabel}
        title={shareTitle}
        icon={sharing ? <StopScreenIcon /> : <ScreenIcon />}
        tone={sharing ? 'active' : 'neutral'}
        disabled={self === null}
        onClick={() => (sharing ? engine.stopScreenShare() : onShareScreen())}
      />
      {children}
      <span className="controls__divider" aria-hidden="true" />
      <ControlButton
        label="Leave call"
        icon={<LeaveIcon />}
        tone="danger"
        onClick={() => {
          void engine.leave()
        }}
      />
    </section>
  )
}
