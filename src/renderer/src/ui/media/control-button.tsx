/** A round call control with an icon and its name written beneath it. */
import type { ReactNode, Ref } from 'react'

export interface ControlButtonProps {
  label: string
  icon: ReactNode
  /** 'off': something is switched off (muted, camera off); 'active': sharing; 'danger': leave. */
  tone?: 'neutral' | 'off' | 'active' | 'danger'
  disabled?: boolean
  onClick: () => void
  ref?: Ref<HTMLButtonElement>
  /** For a button that opens a panel: whether it is open, and the panel's id. */
  expanded?: boolean
  controls?: string
  /** The tooltip, e.g. the name with its keyboard shortcut. */
  title?: string
}

export function ControlButton({
  label,
  icon,
  tone = 'neutral',
  disabled,
  onClick,
  ref,
  expanded,
  controls,
  title,
}: ControlButtonProps) {
  return (
    <button
      ref={ref}
      type="button"
      className={`control control--${tone}`}
      disabled={disabled}
      title={title}
      aria-expanded={expanded}
      aria-controls={expanded ? controls : undefined}
      onClick={onClick}
    >
      <span className="control__icon">{icon}</span>
      <span className="control__label">{label}</span>
    </button>
  )
}
