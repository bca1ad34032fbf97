/**
 * After "Leave call": which call was left and for how long, with "Rejoin" and "Back to start".
 * The camera was switched off on leaving and stays off until the person asks for it again, so a
 * live camera never waits behind a screen that does not show it. The heading takes the focus, so
 * screen readers announce the change.
 */
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { AppHeader } from '../common/app-header'
import { formatCallLength } from './call-length'

export interface EndedCall {
  callId: string
  lengthMs: number
  /** Whether the camera was on in the call: "Rejoin" turns it back on. */
  cameraWasOn: boolean
}

export interface EndOfCallScreenProps {
  ended: EndedCall
  onRejoin: () => void
  onBackToStart: () => void
}

export function EndOfCallScreen({ ended, onRejoin, onBackToStart }: EndOfCallScreenProps) {
  const headingRef = useRef<HTMLHeadingElement>(null)
  const { t } = useTranslation()
  useEffect(() => headingRef.current?.focus(), [])

  return (
    <div className="screen end-of-call">
      <AppHeader />
      <main className="end-of-call__main">
        <section className="card end-of-call__card" aria-labelledby="end-of-call-title">
          <h1 id="end-of-call-title" className="end-of-call__title" tabIndex={-1} ref={headingRef}>
            {t('endOfCall.title', { callId: ended.callId })}
          </h1>
          <p className="muted">
            {t('endOfCall.length')}{' '}
            <strong className="end-of-call__length">{formatCallLength(ended.lengthMs)}</strong>
          </p>
          <p className="muted small">
            {t(ended.cameraWasOn ? 'endOfCall.cameraOffRejoin' : 'endOfCall.cameraOff')}
          </p>
          <div className="end-of-call__buttons">
            <button type="button" className="button button--primary" onClick={onRejoin}>
              {t('endOfCall.rejoin')}
            </button>
            <button type="button" className="button button--secondary" onClick={onBackToStart}>
              {t('endOfCall.backToStart')}
            </button>
          </div>
        </section>
      </main>
    </div>
  )
}
