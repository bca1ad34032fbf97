/**
 * "You're muted": shown for a few seconds when you talk into a muted microphone (once per mute,
 * see muted-speech-gate.ts), as a polite status rather than an alert.
 */
import { useTranslation } from 'react-i18next'
import { useCallback, useEffect, useState } from 'react'
import './muted-hint.css'

const SHOWN_FOR_MS = 6_000

export interface MutedHint {
  visible: boolean
  /** The monitor heard us start talking into a muted microphone. */
  show: () => void
}

export function useMutedHint(muted: boolean): MutedHint {
  const [shown, setShown] = useState(false)
  useEffect(() => {
    if (!shown) return
    const timer = window.setTimeout(() => setShown(false), SHOWN_FOR_MS)
    return () => window.clearTimeout(timer)
  }, [shown])
  const show = useCallback(() => setShown(true), [])
  // Unmuting answers the hint at once.
  return { visible: shown && muted, show }
}

export interface MutedHintMessageProps {
  hint: MutedHint
  /** How to unmute from the keyboard, e.g. "Ctrl+D". */
  unmuteShortcut: string
}

/** The status element stays mounted so screen readers announce the text when it appears. */
export function MutedHintMessage({ hint, unmuteShortcut }: MutedHintMessageProps) {
  const { t } = useTranslation()
  return (
    <div className="muted-hint" role="status">
      {hint.visible ? (
        <p className="muted-hint__card">
          <strong>{t('inCall.youAreMuted')}</strong>{' '}
          {t('inCall.unmuteHint', { shortcut: unmuteShortcut })}
        </p>
      ) : null}
    </div>
  )
}
