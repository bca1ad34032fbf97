/** Two heads, for the People button. */
import { Icon } from '../common/icons'

export function PeopleIcon({ size = 20 }: { size?: number }) {
  return (
    <Icon size={size}>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20a6.5 6.5 0 0 1 13 0M15.5 4.8a3.5 3.5 0 0 1 0 6.4M18 14.2a6.5 6.5 0 0 1 3.5 5.8" />
    </Icon>
  )
}
