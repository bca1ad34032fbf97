/** Chat, hand and reaction icons, drawn like the icons in common/icons.tsx (decorative). */
import { Icon } from '../common/icons'

export function ChatIcon({ size }: { size?: number }) {
  return (
    <Icon size={size}>
      <path d="M4 5h16v11H9l-5 4z" />
    </Icon>
  )
}

export function HandIcon({ size }: { size?: number }) {
  return (
    <Icon size={size}>
      <path d="M8 12V5.5a1.5 1.5 0 0 1 3 0V11M11 10V4.5a1.5 1.5 0 0 1 3 0V11M14 10.5V6a1.5 1.5 0 0 1 3 0v7.5a7 7 0 0 1-7 7 6.5 6.5 0 0 1-5.4-2.9L3 15a1.5 1.5 0 0 1 2.5-1.7L8 16" />
    </Icon>
  )
}

export function ReactionIcon({ size }: { size?: number }) {
  return (
    <Icon size={size}>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M8.5 14a4 4 0 0 0 7 0M9 9.5h.01M15 9.5h.01" />
    </Icon>
  )
}
