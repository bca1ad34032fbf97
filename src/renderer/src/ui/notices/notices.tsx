/**
 * The call's one polite live region: "Ben joined", "Ben left", "Ben is sharing their screen", and
 * whatever else a part of the call screen wants said (`useAnnounce()` below the call screen, or the
 * board's `announce`). Each notice is also shown for a few seconds, for people who do not use a
 * screen reader.
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { NameSentence } from '../common/name-sentence'
import './notices.css'

const SHOWN_FOR_MS = 8_000
/** A burst (five people joining at once) shows the latest few; the region still reads them all. */
const MOST_SHOWN = 4

/** A sentence about a person: its catalog key and their name, rendered isolated in <bdi>. */
export interface NamedMessage {
  i18nKey: string
  name: string
  /** Other placeholders of the sentence, plain text. */
  values?: Record<string, string>
}

export type Announce = (message: string | NamedMessage) => void

export const AnnounceContext = createContext<Announce>(() => undefined)

/** Says something politely to everyone in front of the call screen. */
export function useAnnounce(): Announce {
  return useContext(AnnounceContext)
}

interface Notice {
  id: number
  message: string | NamedMessage
}

export interface NoticeBoard {
  notices: readonly Notice[]
  announce: Announce
}

export function useNoticeBoard(): NoticeBoard {
  const [notices, setNotices] = useState<Notice[]>([])
  const nextId = useRef(0)
  const timers = useRef(new Set<number>())

  useEffect(() => {
    const pending = timers.current
    return () => {
      for (const timer of pending) window.clearTimeout(timer)
    }
  }, [])

  const announce = useCallback<Announce>((message) => {
    const id = nextId.current++
    setNotices((current) => [...current, { id, message }].slice(-MOST_SHOWN))
    const timer = window.setTimeout(() => {
      timers.current.delete(timer)
      setNotices((current) => current.filter((notice) => notice.id !== id))
    }, SHOWN_FOR_MS)
    timers.current.add(timer)
  }, [])

  return { notices, announce }
}

export function NoticeRegion({ board }: { board: NoticeBoard }) {
  const { t } = useTranslation()
  return (
    // Additions are read out; removals (a notice timing out) are not.
    <div className="notices" role="log" aria-label={t('notices.region')} aria-relevant="additions">
      {board.notices.map((notice) => (
        <p key={notice.id} className="notices__item">
          {typeof notice.message === 'string' ? (
            notice.message
          ) : (
            <NameSentence
              i18nKey={notice.message.i18nKey}
              name={notice.message.name}
              values={notice.message.values}
            />
          )}
        </p>
      ))}
    </div>
  )
}
