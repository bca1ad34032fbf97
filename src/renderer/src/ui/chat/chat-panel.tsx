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
  // Re-renders when the language changes.
  const { t } = useTranslation()
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
    <aside id={id} className="card people-panel chat-panel" aria-label={t('inCall.chat')}>
      <header className="people-panel__header">
        <h2 className="people-panel__title">{t('inCall.chat')}</h2>
        <button
          type="button"
          className="button button--quiet people-panel__close"
          aria-label={t('inCall.closeChat')}
          title={t('inCall.closeChat')}
          onClick={onClose}
        >
          <CloseIcon size={18} />
        </button>
      </header>
      {historyMissed ? (
        <p className="muted small chat-panel__note">{t('inCall.historyMissed')}</p>
      ) : null}
      {notReached.length > 0 ? (
        <p className="muted small chat-panel__note">
          {t('inCall.chatNotReached')} {notReached.join(', ')}
        </p>
      ) : null}
      <div
        className="chat-panel__log"
        role="log"
        aria-label={t('inCall.messages')}
        ref={logRef}
        tabIndex={0}
      >
        <ol className="chat-panel__list">
          {entries.length === 0 ? <li className="muted small">{t('inCall.noMessages')}</li> : null}
          {entries.map((entry) => (
            <li key={entry.key} className="chat-panel__message">
              <span className="chat-panel__meta">
                <span className="chat-panel__sender">
                  {entry.isLocal ? t('inCall.you') : <bdi>{entry.displayName}</bdi>}
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
          aria-label={t('inCall.message')}
          rows={2}
          maxLength={MAX_CHAT_LENGTH}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="button button--primary">
          {t('inCall.send')}
        </button>
      </form>
      {refused ? (
        <p role="alert" className="small">
          {t('inCall.messageRefused')}
        </p>
      ) : null}
    </aside>
  )
}
