/**
 * The call's controls: microphone, camera, the optional controls (devices, screen share, and any
 * listed after them), "More" and "Leave call". How many optional controls stay in the bar depends
 * on its width (controls-layout.ts); the rest are listed first in "More", which also holds the
 * self-view and theme settings. A new control is one more entry in `optional`.
 */
import { useCallback, useContext, useId, useRef, useState, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { CallEngine, CallState } from '../../engine/call-engine-api'
import {
  themeChoices,
  updateDisplayPreferences,
  useDisplayPreferences,
} from '../common/display-preferences'
import { LeaveIcon, ScreenIcon, SettingsIcon, StopScreenIcon } from '../common/icons'
import { useElementSize } from '../common/use-element-size'
import { ControlButton } from '../media/control-button'
import { mediaToggleActions, type ControlAction } from '../media/media-toggles'
import { arrangeControls } from './controls-layout'
import { DevicesPanel } from './devices-panel'
import { MoreMenu, type MenuEntry } from './more-menu'
import { themeName } from '../common/theme-names'
import { ShortcutPlatformContext } from '../shortcuts/shortcut-hints'
import { shortcutLabel } from '../shortcuts/shortcut-map'

export interface ControlsBarProps {
  engine: CallEngine
  state: CallState
  onShareScreen: () => void
  /** Where focus returns after the screen picker: "Share screen", or "More" when it holds it. */
  shareButtonRef: RefObject<HTMLButtonElement | null>
  onLeave: () => void
  /** More optional controls after screen share (People, Record...), each with its own button ref. */
  extraActions?: readonly BarAction[]
}

/** An optional control that another part of the call screen adds, and where its button goes. */
export interface BarAction extends ControlAction {
  buttonRef?: RefObject<HTMLButtonElement | null>
}

/** Microphone, camera, More and Leave never leave the bar. */
const FIXED_CONTROLS = 4

export function ControlsBar({
  engine,
  state,
  onShareScreen,
  shareButtonRef,
  onLeave,
  extraActions = [],
}: ControlsBarProps) {
  const self = state.self
  const sharing = self?.mediaState.screenSharing ?? false
  const barRef = useRef<HTMLElement>(null)
  const moreRef = useRef<HTMLButtonElement>(null)
  const devicesRef = useRef<HTMLButtonElement>(null)
  // The border box: the compact bar has less padding, and measuring inside it would flip the mode.
  const { width } = useElementSize(barRef, 'border')
  const [devicesOpen, setDevicesOpen] = useState(false)
  const devicesPanelId = useId()
  const preferences = useDisplayPreferences()
  const { t } = useTranslation()

  const optional: ControlAction[] = [
    {
      id: 'devices',
      label: t('call.devices'),
      icon: <SettingsIcon />,
      tone: devicesOpen ? 'active' : 'neutral',
      disabled: self === null,
      expanded: devicesOpen,
      onSelect: () => setDevicesOpen((open) => !open),
    },
    {
      id: 'share',
      label: t(sharing ? 'call.stopSharing' : 'call.shareScreen'),
      icon: sharing ? <StopScreenIcon /> : <ScreenIcon />,
      tone: sharing ? 'active' : 'neutral',
      disabled: self === null,
      shortcut: 'toggle-screen-share',
      onSelect: () => (sharing ? engine.stopScreenShare() : onShareScreen()),
    },
    ...extraActions,
  ]
  const platform = useContext(ShortcutPlatformContext)
  const titleOf = (action: ControlAction) =>
    platform && action.shortcut
      ? t('call.withShortcut', {
          label: action.label,
          shortcut: shortcutLabel(action.shortcut, platform),
        })
      : undefined

  const arrangement = arrangeControls(width, FIXED_CONTROLS, optional.length)
  const inBar = optional.slice(0, arrangement.optionalInBar)
  const inMenu = optional.slice(arrangement.optionalInBar)
  const shareInMenu = inMenu.some((action) => action.id === 'share')
  const devicesInMenu = inMenu.some((action) => action.id === 'devices')

  const menuEntries: MenuEntry[] = [
    ...inMenu.map((action): MenuEntry => ({ kind: 'action', action })),
    { kind: 'separator', id: 'self-view', label: t('call.yourVideo') },
    {
      kind: 'check',
      id: 'hide-self-view',
      label: t('call.hideSelfView'),
      checked: preferences.selfViewHidden,
      onChange: () => updateDisplayPreferences({ selfViewHidden: !preferences.selfViewHidden }),
    },
    {
      kind: 'check',
      id: 'mirror-self-view',
      label: t('call.mirrorSelfView'),
      checked: preferences.selfViewMirrored,
      onChange: () => updateDisplayPreferences({ selfViewMirrored: !preferences.selfViewMirrored }),
    },
    { kind: 'separator', id: 'theme', label: t('theme.label') },
    ...themeChoices.map((theme): MenuEntry => ({
      kind: 'radio',
      id: `theme-${theme}`,
      label: themeName(theme),
      checked: preferences.theme === theme,
      onChange: () => updateDisplayPreferences({ theme }),
    })),
  ]

  const closeDevices = useCallback(() => setDevicesOpen(false), [])
  const devicesOpener = useCallback(
    () => (devicesInMenu ? moreRef.current : devicesRef.current),
    [devicesInMenu],
  )
  const assignMoreRef = useCallback(
    (element: HTMLButtonElement | null) => {
      moreRef.current = element
      if (shareInMenu) shareButtonRef.current = element
    },
    [shareInMenu, shareButtonRef],
  )
  const refFor = (action: ControlAction) => {
    if (action.id === 'share') return shareButtonRef
    if (action.id === 'devices') return devicesRef
    return extraActions.find((extra) => extra.id === action.id)?.buttonRef
  }

  return (
    <section
      ref={barRef}
      className={`controls${arrangement.labelled ? '' : ' controls--compact'}`}
      aria-label={t('call.controls')}
    >
      {[...mediaToggleActions(engine, self), ...inBar].map((action) => (
        <ControlButton
          key={action.id}
          ref={refFor(action)}
          label={action.label}
          title={titleOf(action)}
          icon={action.icon}
          tone={action.tone}
          disabled={action.disabled}
          expanded={action.expanded}
          controls={action.id === 'devices' ? devicesPanelId : action.controls}
          hasPopup={action.id === 'devices' ? 'dialog' : undefined}
          labelled={arrangement.labelled}
          onClick={action.onSelect}
        />
      ))}
      <MoreMenu entries={menuEntries} labelled={arrangement.labelled} buttonRef={assignMoreRef} />
      <span className="controls__divider" aria-hidden="true" />
      <ControlButton
        label={t('call.leave')}
        icon={<LeaveIcon />}
        tone="danger"
        labelled={arrangement.labelled}
        onClick={onLeave}
      />
      {devicesOpen ? (
        <DevicesPanel
          id={devicesPanelId}
          engine={engine}
          state={state}
          onClose={closeDevices}
          opener={devicesOpener}
        />
      ) : null}
    </section>
  )
}
