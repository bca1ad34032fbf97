/**
 * Everything the call screen adds on top of tiles and controls: who is speaking, the People
 * panel, the notices, join/leave sounds, keyboard shortcuts and the "You're muted" hint. The call
 * screen calls this hook, wraps its content in `InCallProviders`, puts `peopleButton` in its
 * controls and `overlays` at its end.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react'
import type { CallEngine, CallState, ParticipantView } from '../../engine/call-engine-api'
import type { BarAction } from '../call/controls-bar'
import { i18n } from '../common/translator'
import { NoticeRegion, useNoticeBoard, AnnounceContext, type NoticeBoard } from '../notices/notices'
import { useCallNotices } from '../notices/use-call-notices'
import { useSoundPreference } from '../notices/use-sound-preference'
import { ReactionsContext } from '../chat/reactions-context'
import { useInCallMessages } from '../chat/use-in-call-messages'
import { PeopleIcon } from '../people/people-icon'
import { cameraIsOn } from '../media/media-toggles'
import { useCallRecording } from '../recording/use-call-recording'
import { PeoplePanel } from '../people/people-panel'
import { peopleInPanelOrder } from '../people/people-order'
import { ShortcutPlatformContext } from '../shortcuts/shortcut-hints'
import {
  platformOf,
  shortcutLabel,
  type Platform,
  type ShortcutAction,
} from '../shortcuts/shortcut-map'
import { ShortcutsDialog } from '../shortcuts/shortcuts-dialog'
import { useShortcuts } from '../shortcuts/use-shortcuts'
import { MutedHintMessage, useMutedHint } from '../speaking/muted-hint'
import { SpeakingContext } from '../speaking/speaking-context'
import type { SpeakingStore } from '../speaking/speaking-store'
import { useSpeakingMonitor } from '../speaking/use-speaking-monitor'
import { useSpeakersAfterSetup } from './speakers-after-setup'

/** The shortcuts with a handler below. */
const HANDLED = [
  'toggle-mute',
  'toggle-camera',
  'toggle-screen-share',
  'toggle-hand',
  'toggle-chat',
  'show-shortcuts',
] as const
type HandledAction = (typeof HANDLED)[number]
const HANDLED_HERE: ReadonlySet<ShortcutAction> = new Set(HANDLED)

export interface InCallExperienceOptions {
  engine: CallEngine
  state: CallState
  /** You first, then the others. */
  people: readonly ParticipantView[]
  /** Starts sharing (through the picker in the desktop app) or stops it. */
  onToggleScreenShare: () => void
}

export interface InCallExperience {
  platform: Platform
  speaking: SpeakingStore
  board: NoticeBoard
  reactions: CallState['reactions']
  /** People, chat, hand, reactions and Record, for the controls bar. */
  actions: BarAction[]
  overlays: ReactNode
  /** A remote camera showed its first frame (their voice is measured from then on). */
  noteFirstFrame: (userId: string) => void
}

export function useInCallExperience({
  engine,
  state,
  people,
  onToggleScreenShare,
}: InCallExperienceOptions): InCallExperience {
  const [platform] = useState(() => platformOf(navigator.userAgent))
  const muted = state.self?.mediaState.muted ?? false
  const mutedHint = useMutedHint(muted)
  // Voices are measured once the links are set up: an analyser built meanwhile is in their way.
  const settingUp = useSpeakersAfterSetup(people)
  const speaking = useSpeakingMonitor(settingUp.speakers, { onMutedSpeech: mutedHint.show })
  const board = useNoticeBoard()
  const [soundsEnabled, setSoundsEnabled] = useSoundPreference()
  useCallNotices(state, soundsEnabled, board.announce)
  const recording = useCallRecording(state.callId, people, board.announce)

  // One side panel at a time: People and Chat take the same place beside the stage.
  const [peopleOpen, setPeopleOpen] = useState(false)
  const messages = useInCallMessages(engine, state, people, board.announce, () =>
    setPeopleOpen(false),
  )
  useEffect(() => engine.setRecording(recording.active), [engine, recording.active])

  const [shortcutsOpen, setShortcutsOpen] = useState(false)
  const peoplePanelId = useId()
  const peopleButtonRef = useRef<HTMLButtonElement>(null)
  const shortcutsOpener = useRef<HTMLElement | null>(null)

  const handlers = useMemo<Record<HandledAction, () => void>>(
    () => ({
      'toggle-mute': () => engine.setMuted(!(engine.getState().self?.mediaState.muted ?? false)),
      'toggle-camera': () => {
        const on = cameraIsOn(engine.getState().self)
        // Errors (no camera, permission refused) come back through CallState.error.
        engine.setCameraEnabled(!on).catch(() => undefined)
      },
      'toggle-screen-share': onToggleScreenShare,
      'toggle-hand': messages.toggleHand,
      'toggle-chat': messages.toggleChat,
      'show-shortcuts': () => {
        shortcutsOpener.current =
          document.activeElement instanceof HTMLElement ? document.activeElement : null
        setShortcutsOpen(true)
      },
    }),
    [engine, onToggleScreenShare, messages.toggleHand, messages.toggleChat],
  )
  useShortcuts(platform, handlers, {
    isMuted: () => engine.getState().self?.mediaState.muted ?? false,
    setMuted: (next) => engine.setMuted(next),
  })

  const closePeople = useCallback(() => {
    setPeopleOpen(false)
    peopleButtonRef.current?.focus()
  }, [])

  const openPeople = () => {
    messages.closeChat()
    setPeopleOpen(true)
  }

  const actions: BarAction[] = [
    {
      id: 'people',
      label: i18n.t('inCall.peopleCount', { count: people.length }),
      icon: <PeopleIcon />,
      tone: peopleOpen ? 'active' : 'neutral',
      expanded: peopleOpen,
      controls: peoplePanelId,
      buttonRef: peopleButtonRef,
      onSelect: () => (peopleOpen ? closePeople() : openPeople()),
    },
    ...messages.actions,
    recording.action,
  ]

  const overlays = (
    <>
      <NoticeRegion board={board} />
      {recording.badge}
      {messages.overlays}
      <MutedHintMessage hint={mutedHint} unmuteShortcut={shortcutLabel('toggle-mute', platform)} />
      {peopleOpen ? (
        <PeoplePanel
          id={peoplePanelId}
          people={peopleInPanelOrder(people, state.hands)}
          soundsEnabled={soundsEnabled}
          onSoundsEnabledChange={setSoundsEnabled}
          onClose={closePeople}
        />
      ) : null}
      {shortcutsOpen ? (
        <ShortcutsDialog
          platform={platform}
          available={HANDLED_HERE}
          returnFocusTo={shortcutsOpener}
          onClose={() => setShortcutsOpen(false)}
        />
      ) : null}
    </>
  )

  return {
    platform,
    speaking,
    board,
    reactions: state.reactions,
    actions,
    overlays,
    noteFirstFrame: settingUp.noteFirstFrame,
  }
}

/** The contexts the tiles, rows and controls below the call screen read. */
export function InCallProviders({
  experience,
  children,
}: {
  experience: InCallExperience
  children: ReactNode
}) {
  return (
    <SpeakingContext value={experience.speaking}>
      <AnnounceContext value={experience.board.announce}>
        <ShortcutPlatformContext value={experience.platform}>
          <ReactionsContext value={experience.reactions}>{children}</ReactionsContext>
        </ShortcutPlatformContext>
      </AnnounceContext>
    </SpeakingContext>
  )
}
