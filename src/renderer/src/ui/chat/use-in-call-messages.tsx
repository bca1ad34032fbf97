/**
 * Chat, hands, reactions and recording notices on the call screen: the Chat, Raise hand and
 * Reactions controls, the Chat panel and Reactions menu, unread counts, and the notices
 * ("New message from Ben", "Ben raised their hand") for what others do.
 */
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react'
import type { CallEngine, CallState, ParticipantView } from '../../engine/call-engine-api'
import { REACTION_EMOJI, type ReactionEmoji } from '../../../../shared/in-call-messages'
import type { BarAction } from '../call/controls-bar'
import type { Announce } from '../notices/notices'
import { notifyIfAway } from '../notices/system-notification'
import { ChatPanel } from './chat-panel'
import { ChatIcon, HandIcon, ReactionIcon } from './in-call-message-icons'
import './reactions-menu.css'

const text = {
  chat: 'Chat',
  chatUnread: (count: number) => `Chat, ${count} unread`,
  raiseHand: 'Raise hand',
  lowerHand: 'Lower hand',
  reactions: 'Reactions',
  newMessageFrom: (name: string) => `New message from ${name}`,
  raisedHand: (name: string) => `${name} raised their hand`,
  reacted: (name: string, emoji: string) => `${name} reacted ${emoji}`,
  isRecording: (name: string) => `${name} is recording`,
  stoppedRecording: (name: string) => `${name} stopped recording`,
  notTold: 'Not told about your recording (their app cannot be told):',
}

const EMOJI_NAMES: Record<ReactionEmoji, string> = {
  '👍': 'Thumbs up',
  '👏': 'Clapping',
  '😂': 'Laughing',
  '❤️': 'Heart',
  '🎉': 'Celebration',
  '😮': 'Surprised',
}

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

  const chatOpenRef = useRef(chatOpen)
  useEffect(() => {
    chatOpenRef.current = chatOpen
  })
  const onChatOpeningRef = useRef(onChatOpening)
  useEffect(() => {
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
  const stateRef = useRef(state)
  useEffect(() => {
    stateRef.current = state
  })
  const toggleHand = useCallback(
    () => engine.setHandRaised(!(stateRef.current.self?.handRaised ?? false)),
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
          aria-label={EMOJI_NAMES[emoji]}
          title={EMOJI_NAMES[emoji]}
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
      announce(text.newMessageFrom(entry.displayName))
      if (!chatOpen) onUnread()
      notifyIfAway(text.newMessageFrom(entry.displayName), entry.text)
    }
    for (const userId of state.hands) {
      const name = names.get(userId)
      if (name && !before.hands.has(userId)) announce(text.raisedHand(name))
    }
    for (const reaction of state.reactions) {
      const name = names.get(reaction.userId)
      if (name && !before.reactions.has(reaction.key)) {
        announce(text.reacted(name, EMOJI_NAMES[reaction.emoji]))
      }
    }
    for (const userId of recordingNow) {
      const name = names.get(userId)
      if (name && !before.recording.has(userId)) announce(text.isRecording(name))
    }
    for (const userId of before.recording) {
      const name = names.get(userId)
      if (name && !recordingNow.has(userId)) announce(text.stoppedRecording(name))
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs on new call facts only
  }, [state.chat, state.hands, state.reactions, state.participants])
}
