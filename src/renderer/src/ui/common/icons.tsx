/**
 * Small stroke icons drawn for Parley (no icon font: the CSP allows no remote resources).
 * They are decorative: every control that uses one carries its own accessible name.
 */
import type { ReactNode } from 'react'

/** The one frame every Parley icon is drawn in. */
export function Icon({ children, size = 20 }: { children: ReactNode; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  )
}

interface IconProps {
  size?: number
}

export function MicIcon({ size }: IconProps) {
  return (
    <Icon size={size}>
      <rect x="9" y="3" width="6" height="11" rx="3" />
      <path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21M8.5 21h7" />
    </Icon>
  )
}

export function MicOffIcon({ size }: IconProps) {
  return (
    <Icon size={size}>
      <path d="M15 10V6a3 3 0 0 0-5.7-1.3M9 9v2a3 3 0 0 0 4.6 2.5" />
      <path d="M18.5 11a6.5 6.5 0 0 1-.9 3.3M5.5 11a6.5 6.5 0 0 0 10 5.5M12 17.5V21M8.5 21h7" />
      <path d="M3 3l18 18" />
    </Icon>
  )
}

export function CameraIcon({ size }: IconProps) {
  return (
    <Icon size={size}>
      <rect x="2.5" y="6" width="13" height="12" rx="2.5" />
      <path d="M15.5 10.5l6-3.5v10l-6-3.5" />
    </Icon>
  )
}

export function CameraOffIcon({ size }: IconProps) {
  return (
    <Icon size={size}>
      <path d="M7 6h6a2.5 2.5 0 0 1 2.5 2.5V13M15.5 16.5A2.5 2.5 0 0 1 13 18H5a2.5 2.5 0 0 1-2.5-2.5v-7A2.5 2.5 0 0 1 4 6.2" />
      <path d="M15.5 10.5l6-3.5v10l-4-2.3" />
      <path d="M3 3l18 18" />
    </Icon>
  )
}

export function ScreenIcon({ size }: IconProps) {
  return (
    <Icon size={size}>
      <rect x="2.5" y="4" width="19" height="13" rx="2" />
      <path d="M8 21h8M12 17v4" />
      <path d="M12 13.5v-6M9.5 10l2.5-2.5 2.5 2.5" />
    </Icon>
  )
}

export function StopScreenIcon({ size }: IconProps) {
  return (
    <Icon size={size}>
      <rect x="2.5" y="4" width="19" height="13" rx="2" />
      <path d="M8 21h8M12 17v4" />
      <path d="M9.5 8l5 5M14.5 8l-5 5" />
    </Icon>
  )
}

export function LeaveIcon({ size }: IconProps) {
  return (
    <Icon size={size}>
      <path d="M3.6 13.4c4.6-4.5 12.2-4.5 16.8 0l-1.9 2.3a1 1 0 0 1-1.3.2l-2.4-1.4a1 1 0 0 1-.5-.9v-1.8a10.7 10.7 0 0 0-4.6 0v1.8a1 1 0 0 1-.5.9l-2.4 1.4a1 1 0 0 1-1.3-.2z" />
    </Icon>
  )
}

export function ExpandIcon({ size }: IconProps) {
  return (
    <Icon size={size}>
      <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />
    </Icon>
  )
}

export function ShrinkIcon({ size }: IconProps) {
  return (
    <Icon size={size}>
      <path d="M9 4v5H4M15 4v5h5M9 20v-5H4M15 20v-5h5" />
    </Icon>
  )
}

export function CloseIcon({ size }: IconProps) {
  return (
    <Icon size={size}>
      <path d="M6 6l12 12M18 6L6 18" />
    </Icon>
  )
}

export function RelayIcon({ size }: IconProps) {
  return (
    <Icon size={size}>
      <path d="M4 12h5l3-6 3 12 3-6h2" />
    </Icon>
  )
}

export function CopyIcon({ size }: IconProps) {
  return (
    <Icon size={size}>
      <rect x="8.5" y="8.5" width="12" height="12" rx="2" />
      <path d="M15.5 8.5V5.5a2 2 0 0 0-2-2h-8a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h3" />
    </Icon>
  )
}

export function PlusIcon({ size }: IconProps) {
  return (
    <Icon size={size}>
      <path d="M12 5v14M5 12h14" />
    </Icon>
  )
}

export function SignOutIcon({ size }: IconProps) {
  return (
    <Icon size={size}>
      <path d="M14 4h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4M9 16l-4-4 4-4M5 12h11" />
    </Icon>
  )
}

export function SettingsIcon({ size }: IconProps) {
  return (
    <Icon size={size}>
      <path d="M4 7h9M17 7h3M4 17h3M11 17h9" />
      <circle cx="15" cy="7" r="2" />
      <circle cx="9" cy="17" r="2" />
    </Icon>
  )
}

export function LogoMark({ size = 28 }: IconProps) {
  return (
    <svg
      className="logo-mark"
      width={size}
      height={size}
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="9" fill="var(--accent)" />
      <path
        d="M9 11.5a3.5 3.5 0 0 1 3.5-3.5h7a3.5 3.5 0 0 1 3.5 3.5v5a3.5 3.5 0 0 1-3.5 3.5H15l-4.5 3.5V20A3.5 3.5 0 0 1 9 16.5z"
        fill="var(--bg)"
      />
    </svg>
  )
}

/** Three rising bars; `lit` of them drawn solid, the rest faint (signal quality). */
export function SignalBarsIcon({ size = 16, lit }: IconProps & { lit: 0 | 1 | 2 | 3 }) {
  const bars = [
    { x: 3, height: 5 },
    { x: 9.5, height: 10 },
    { x: 16, height: 15 },
  ]
  return (
    <svg
      className="icon signal-bars"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      {bars.map((bar, index) => (
        <rect
          key={bar.x}
          x={bar.x}
          y={20 - bar.height}
          width="5"
          height={bar.height}
          rx="1.2"
          fill="currentColor"
          opacity={index < lit ? 1 : 0.3}
        />
      ))}
    </svg>
  )
}

export function PinIcon({ size }: IconProps) {
  return (
    <Icon size={size}>
      <path d="M9 4h6l-1 6 3.5 3.5H6.5L10 10z" />
      <path d="M12 13.5V20" />
    </Icon>
  )
}

export function MoreIcon({ size }: IconProps) {
  return (
    <Icon size={size}>
      <circle cx="5.5" cy="12" r="1.2" />
      <circle cx="12" cy="12" r="1.2" />
      <circle cx="18.5" cy="12" r="1.2" />
    </Icon>
  )
}
