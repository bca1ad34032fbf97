/**
 * The call's chat: messages since we joined (sender, time, text), a box to write one. Text is
 * only ever rendered as text: a link is shown to be copied, never turned into an anchor.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { ChatEntry } from '../../engine/call-engine-api'
import { MAX_CHAT_LENGTH } from '../../../../shared/in-call-messages'
import { CloseIcon } from '../common/icons'
import { i18n } from '../common/translator'
import { useTranslation } from 'react-i18next'
import '../people/people-panel.css'
import './chat-panel.css'

/** Read at render time from the catalog, in the language chosen now. */
const text = {
  get panel() {
    return i18n.t('inCall.chat')
  },
  get log() {
    return i18n.t('inCall.messages')
  },
  get close() {
    return i18n.t('inCall.closeChat')
  },
  get message() {
    return i18n.t('inCall.message')
  },
  get send() {
    return i18n.t('inCall.send')
  },
  get you() {
    return i18n.t('inCall.you')
  },
  get historyMissed() {
    return i18n.t('inCall.historyMissed')
  },
  get empty() {
    return i18n.t('inCall.noMessages')
  },
  get notReached() {
    return i18n.t('inCall.chatNotReached')
  },
  get refused() {
    return i18n.t('inCall.messageRefused')
  },
}

/** A message's time, in the language's own clock format. */
const timeFormat = {
  format: (at: number) =>
    new Intl.DateTimeFormat(i18n.language, { hour: 'numeric', minute: '2-digit' }).format(at),
}

export interface ChatPanelProps {
  id: string
  entries: readonly ChatEntry[]
  historyMissed: boolean
  /** People in the call whose client does not read Parley's messages. */
  notReached: readonly string[]
  onSend: (message: string) => boolean
  onClose: () => void
}

export function ChatPanel({
  id,
  entries,
  historyMissed,
  notReached,
  onSend,
  onClose,
}: ChatPanelProps) {
  // Re-renders when the language changes; the texts above read the catalog.
  useTranslation()
  const [draft, setDraft] = useState('')
  const [refused, setRefused] = useState(false)
  const inputRef = useRef<HTMLTextAreaElement>(null)
  const logRef = useRef<HTMLDivElement>(null)

  useEffect(() => inputRef.current?.focus(), [])
  useEffect(() => {
    const log = logRef.current
    if (log) log.scrollTop = log.scrollHeight
  }, [entries.length])

  const send = (): void => {
    if (draft.trim().length === 0) return
    const sent = onSend(draft)
    setRefused(!sent)
    if (sent) setDraft('')
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      send()
    }
  }

  return (
    <aside id={id} className="card people-panel chat-panel" aria-label={text.panel}>
      <header className="people-panel__header">
        <h2 className="people-panel__title">{text.panel}</h2>
        <button
          type="button"
          className="button button--quiet people-panel__close"
          aria-label={text.close}
          title={text.close}
          onClick={onClose}
        >
          <CloseIcon size={18} />
        </button>
      </header>
      {historyMissed ? <p className="muted small chat-panel__note">{text.historyMissed}</p> : null}
      {notReached.length > 0 ? (
        <p className="muted small chat-panel__note">
          {text.notReached} {notReached.join(', ')}
        </p>
      ) : null}
      <div className="chat-panel__log" role="log" aria-label={text.log} ref={logRef} tabIndex={0}>
        <ol className="chat-panel__list">
          {entries.length === 0 ? <li className="muted small">{text.empty}</li> : null}
          {entries.map((entry) => (
            <li key={entry.key} className="chat-panel__message">
              <span className="chat-panel__meta">
                <span className="chat-panel__sender">
                  {entry.isLocal ? text.you : <bdi>{entry.displayName}</bdi>}
                </span>{' '}
                <time className="muted small" dateTime={new Date(entry.sentAt).toISOString()}>
                  {timeFormat.format(entry.sentAt)}
                </time>
              </span>
              <span className="chat-panel__text">{entry.text}</span>
            </li>
          ))}
        </ol>
      </div>
      <form
        className="chat-panel__form"
        onSubmit={(event) => {
          event.preventDefault()
          send()
        }}
      >
        <textarea
          ref={inputRef}
          className="chat-panel__input"
          aria-label={text.message}
          rows={2}
          maxLength={MAX_CHAT_LENGTH}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="button button--primary">
          {text.send}
        </button>
      </form>
      {refused ? (
        <p role="alert" className="small">
          {text.refused}
        </p>
      ) : null}
    </aside>
  )
}
