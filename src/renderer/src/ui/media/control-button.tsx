/**
 * A round call control with an icon and its name written beneath it, or (in a narrow bar) the
 * icon alone, its name kept as the accessible name and tooltip.
 */
import type { ReactNode, Ref } from 'react'

export type ControlTone = 'neutral' | 'off' | 'active' | 'danger'

export interface ControlButtonProps {
  label: string
  icon: ReactNode
  /** 'off': something is switched off (muted, camera off); 'active': sharing; 'danger': leave. */
  tone?: ControlTone
  disabled?: boolean
  onClick: () => void
  ref?: Ref<HTMLButtonElement>
  /** For a button that opens a panel or menu: whether it is open, and the panel's id. */
  expanded?: boolean
  controls?: string
  /** The tooltip, e.g. the name with its keyboard shortcut. */
  title?: string
  hasPopup?: 'menu' | 'dialog'
  /** False: icon only, for a narrow bar. */
  labelled?: boolean
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
  hasPopup,
  labelled = true,
}: ControlButtonProps) {
  return (
    <button
      ref={ref}
      type="button"
      className={`control control--${tone}${labelled ? '' : ' control--icon-only'}`}
      disabled={disabled}
      // The tooltip: the name with its shortcut, or the name alone when only the icon shows.
      title={title ?? (labelled ? undefined : label)}
      aria-expanded={expanded}
      aria-controls={expanded ? controls : undefined}
      aria-haspopup={hasPopup}
      onClick={onClick}
    >
      <span className="control__icon">{icon}</span>
      <span className={labelled ? 'control__label' : 'visually-hidden'}>{label}</span>
    </button>
  )
}
