/**
 * An error for people, announced as it appears (role="alert"), with an optional Dismiss button.
 * Rendered only while there is something to say, so screen readers hear each new one.
 */
import { CloseIcon } from './icons'

export interface AlertMessageProps {
  message: string
  title?: string
  onDismiss?: () => void
  className?: string
}

export function AlertMessage({ message, title, onDismiss, className }: AlertMessageProps) {
  return (
    <div className={['alert', className].filter(Boolean).join(' ')} role="alert">
      <div className="alert__text">
        {title ? <strong className="alert__title">{title}</strong> : null}
        <span>{message}</span>
      </div>
      {onDismiss ? (
        <button type="button" className="icon-button alert__dismiss" onClick={onDismiss}>
          <CloseIcon size={16} />
          <span className="visually-hidden">Dismiss</span>
        </button>
      ) : null}
    </div>
  )
}
