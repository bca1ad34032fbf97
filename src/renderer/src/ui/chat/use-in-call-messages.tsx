/**
 * Chat, hands, reactions and recording notices on the call screen: the Chat, Raise hand and
 * Reactions controls, the Chat panel and Reactions menu, unread counts, and the notices
 * ("New message from Ben", "Ben raised their hand") for what others do.
 */
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react'
import type { CallEngine, CallState, ParticipantView } from '../../engine/call-engine-api'
import { REACTION_EMOJI, type ReactionEmoji } from '../../../../shared/in-call-messages'
import type { BarAction } from '../call/controls-bar'
import { useTranslation } from 'react-i18next'
import { i18n } from '../common/translator'
import type { Announce, NamedMessage } from '../notices/notices'
import { notifyIfAway } from '../notices/system-notification'
import { ChatPanel } from './chat-panel'
import { ChatIcon, HandIcon, ReactionIcon } from './in-call-message-icons'
import './reactions-menu.css'

/** Read at render (or announce) time from the catalog, in the language chosen now. */
const text = {
  get chat() {
    return i18n.t('inCall.chat')
  },
  chatUnread: (count: number) => i18n.t('inCall.chatUnread', { count }),
  get raiseHand() {
    return i18n.t('inCall.raiseHand')
  },
  get lowerHand() {
    return i18n.t('inCall.lowerHand')
  },
  get reactions() {
    return i18n.t('inCall.reactions')
  },
  get notTold() {
    return i18n.t('inCall.recordingNotTold')
  },
}

/** Sentences about a person go to the notices with the name isolated (<bdi>). */
const about = (i18nKey: string, name: string): NamedMessage => ({ i18nKey, name })

const EMOJI_KEYS: Record<ReactionEmoji, string> = {
  '👍': 'inCall.thumbsUp',
  '👏': 'inCall.clapping',
  '😂': 'inCall.laughing',
  '❤️': 'inCall.heart',
  '🎉': 'inCall.celebration',
  '😮': 'inCall.surprised',
}

const emojiName = (emoji: ReactionEmoji): string => i18n.t(EMOJI_KEYS[emoji])

export interface InCallMessages {
  actions: BarAction[]
  overlays: ReactNode
  toggleHand: () => void
  toggleChat: () => void
  /** Closes the Chat panel without moving focus (another panel is taking its place). */
  closeChat: () => void
}

export function useInCallMessages(
  engine: CallEngine,
  state: CallState,
  people: readonly ParticipantView[],
  announce: Announce,
  /** Chat is opening: another side panel beside the stage makes way. */
  onChatOpening: () => void = () => undefined,
): InCallMessages {
  const [chatOpen, setChatOpen] = useState(false)
  const [reactionsOpen, setReactionsOpen] = useState(false)
  const [unread, setUnread] = useState(0)
  const chatPanelId = useId()
  const reactionsMenuId = useId()
  const chatButtonRef = useRef<HTMLButtonElement>(null)
  const reactionsButtonRef = useRef<HTMLButtonElement>(null)
  const handRaised = state.self?.handRaised ?? false

  useOthersNotices(state, chatOpen, announce, () => setUnread((count) => count + 1))

  // Set before the page paints, as useShortcuts' handlers are: Ctrl+Alt+C pressed the moment
  // the panel shows open must see it open.
  const chatOpenRef = useRef(chatOpen)
  const onChatOpeningRef = useRef(onChatOpening)
  useLayoutEffect(() => {
    chatOpenRef.current = chatOpen
    onChatOpeningRef.current = onChatOpening
  })
  const toggleChat = useCallback(() => {
    if (!chatOpenRef.current) onChatOpeningRef.current()
    setChatOpen((open) => {
      if (open) chatButtonRef.current?.focus()
      else setUnread(0)
      return !open
    })
  }, [])
  const closeChat = useCallback(() => setChatOpen(false), [])
  // The engine's state, not a copy kept by an effect, which a quick second press could outrun.
  const toggleHand = useCallback(
    () => engine.setHandRaised(!(engine.getState().self?.handRaised ?? false)),
    [engine],
  )
  const closeReactions = (): void => {
    setReactionsOpen(false)
    reactionsButtonRef.current?.focus()
  }

  const actions: BarAction[] = [
    {
      id: 'chat',
      label: unread > 0 && !chatOpen ? text.chatUnread(unread) : text.chat,
      icon: <ChatIcon />,
      tone: chatOpen ? 'active' : 'neutral',
      expanded: chatOpen,
      controls: chatPanelId,
      buttonRef: chatButtonRef,
      shortcut: 'toggle-chat',
      onSelect: toggleChat,
    },
    {
      id: 'hand',
      label: handRaised ? text.lowerHand : text.raiseHand,
      icon: <HandIcon />,
      tone: handRaised ? 'active' : 'neutral',
      shortcut: 'toggle-hand',
      onSelect: toggleHand,
    },
    {
      id: 'reactions',
      label: text.reactions,
      icon: <ReactionIcon />,
      tone: reactionsOpen ? 'active' : 'neutral',
      expanded: reactionsOpen,
      controls: reactionsMenuId,
      buttonRef: reactionsButtonRef,
      onSelect: () => setReactionsOpen((open) => !open),
    },
  ]

  const others = people.filter((person) => !person.isLocal)
  const notReached = others
    .filter((person) => person.messaging === 'absent')
    .map((person) => person.displayName)
  const recordingNotTold = state.self?.recording ? notReached : []

  const overlays = (
    <>
      {chatOpen ? (
        <ChatPanel
          id={chatPanelId}
          entries={state.chat}
          historyMissed={state.chatHistoryMissed}
          notReached={notReached}
          onSend={(message) => engine.sendChat(message)}
          onClose={toggleChat}
        />
      ) : null}
      {reactionsOpen ? (
        <ReactionsMenu
          id={reactionsMenuId}
          onPick={(emoji) => {
            engine.sendReaction(emoji)
            closeReactions()
          }}
          onClose={closeReactions}
        />
      ) : null}
      {recordingNotTold.length > 0 ? (
        <p className="recording-not-told small">
          {text.notTold} {recordingNotTold.join(', ')}
        </p>
      ) : null}
    </>
  )
  return { actions, overlays, toggleHand, toggleChat, closeChat }
}

function ReactionsMenu({
  id,
  onPick,
  onClose,
}: {
  id: string
  onPick: (emoji: ReactionEmoji) => void
  onClose: () => void
}) {
  useTranslation()
  const menuRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    menuRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus()
  }, [])
  return (
    <div
      id={id}
      ref={menuRef}
      className="card reactions-menu"
      role="menu"
      aria-label={text.reactions}
      onKeyDown={(event) => {
        const items = [
          ...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []),
        ]
        const at = items.indexOf(document.activeElement as HTMLButtonElement)
        if (event.key === 'Escape') {
          event.stopPropagation()
          onClose()
        } else if (event.key === 'ArrowRight' || event.key === 'ArrowDown') {
          event.preventDefault()
          items[(at + 1) % items.length]?.focus()
        } else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') {
          event.preventDefault()
          items[(at - 1 + items.length) % items.length]?.focus()
        }
      }}
    >
      {REACTION_EMOJI.map((emoji) => (
        <button
          key={emoji}
          type="button"
          role="menuitem"
          className="button button--quiet reactions-menu__item"
          aria-label={emojiName(emoji)}
          title={emojiName(emoji)}
          onClick={() => onPick(emoji)}
        >
          <span aria-hidden="true">{emoji}</span>
        </button>
      ))}
    </div>
  )
}

/** Announces what others do, once each: messages, hands going up, reactions, recording. */
function useOthersNotices(
  state: CallState,
  chatOpen: boolean,
  announce: Announce,
  onUnread: () => void,
): void {
  const seen = useRef<{
    chat: Set<string>
    hands: Set<string>
    reactions: Set<string>
    recording: Set<string>
  } | null>(null)
  useEffect(() => {
    const names = new Map(state.participants.map((p) => [p.userId, p.displayName] as const))
    const recordingNow = new Set(state.participants.filter((p) => p.recording).map((p) => p.userId))
    const current = {
      chat: new Set(state.chat.map((entry) => entry.key)),
      hands: new Set(state.hands),
      reactions: new Set(state.reactions.map((reaction) => reaction.key)),
      recording: recordingNow,
    }
    const before = seen.current
    seen.current = current
    if (!before) return
    for (const entry of state.chat) {
      if (entry.isLocal || before.chat.has(entry.key)) continue
      announce(about('inCall.newMessageFrom', entry.displayName))
      if (!chatOpen) onUnread()
      notifyIfAway(i18n.t('inCall.newMessageFrom', { name: entry.displayName }), entry.text)
    }
    for (const userId of state.hands) {
      const name = names.get(userId)
      if (name && !before.hands.has(userId)) announce(about('inCall.raisedHand', name))
    }
    for (const reaction of state.reactions) {
      const name = names.get(reaction.userId)
      if (name && !before.reactions.has(reaction.key)) {
        announce({
          i18nKey: 'inCall.reacted',
          name,
          values: { reaction: emojiName(reaction.emoji) },
        })
      }
    }
    for (const userId of recordingNow) {
      const name = names.get(userId)
      if (name && !before.recording.has(userId)) announce(about('inCall.isRecording', name))
    }
    for (const userId of before.recording) {
      const name = names.get(userId)
      if (name && !recordingNow.has(userId)) announce(about('inCall.stoppedRecording', name))
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs on new call facts only
  }, [state.chat, state.hands, state.reactions, state.participants])
}
