/** Copies the call ID (on the web, the whole link) so it can be sent to the people to invite. */
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CopyIcon } from '../common/icons'
import { callLink } from '../lobby/call-id'

export function CopyCallId({ callId, isDesktop }: { callId: string; isDesktop: boolean }) {
  const [copied, setCopied] = useState(false)
  const { t } = useTranslation()

  useEffect(() => {
    if (!copied) return
    const timer = window.setTimeout(() => setCopied(false), 2000)
    return () => window.clearTimeout(timer)
  }, [copied])

  async function copy() {
    try {
      await navigator.clipboard.writeText(
        isDesktop ? callId : callLink(window.location.origin, callId),
      )
      setCopied(true)
    } catch {
      // Clipboard refused (no focus, no permission): the ID is on screen to copy by hand.
    }
  }

  return (
    <span className="copy-call-id">
      <button
        type="button"
        className="button button--quiet button--small"
        onClick={() => void copy()}
      >
        <CopyIcon size={16} />
        <span className="copy-call-id__text">
          {isDesktop ? t('inCall.copyCallId') : t('inCall.copyCallLink')}
        </span>
      </button>
      <span className="copy-feedback" aria-live="polite">
        {copied ? t('inCall.copied') : ''}
      </span>
    </span>
  )
}
