/** Initials on a calm colour, shown instead of a black box while a camera is off. */

const HUES = 8

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [words[0] ?? '?']
  return letters
    .map((word) => Array.from(word ?? '')[0] ?? '')
    .join('')
    .toUpperCase()
}

function hueIndex(seed: string): number {
  let hash = 0
  for (const char of seed) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0
  return hash % HUES
}

export interface AvatarProps {
  name: string
  /** Keeps a person's colour stable even when two share a name. */
  seed: string
  size?: 'small' | 'large'
}

export function Avatar({ name, seed, size = 'large' }: AvatarProps) {
  return (
    <span className={`avatar avatar--${size} avatar--hue-${hueIndex(seed)}`} aria-hidden="true">
      {initialsOf(name)}
    </span>
  )
}
