/**
 * Parley's keyboard shortcuts: which key does what, and how each is written for people. Pure, so
 * the mapping is unit-tested without a browser; `use-shortcuts.ts` feeds it the real key events.
 * Ctrl on Windows and Linux is Cmd on macOS.
 */

export type ShortcutAction =
  | 'toggle-mute'
  | 'toggle-camera'
  | 'toggle-screen-share'
  | 'toggle-hand'
  | 'toggle-chat'
  | 'show-shortcuts'

export type Platform = 'mac' | 'other'

/** The parts of a KeyboardEvent the mapping reads. */
export interface KeyChord {
  key: string
  code: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey: boolean
}

interface ChordShortcut {
  action: ShortcutAction
  /** With the platform's primary modifier (Ctrl, or Cmd on macOS). */
  letter: string
  shift: boolean
  alt: boolean
  /** The catalog key of what it does. */
  descriptionKey: string
}

interface CharacterShortcut {
  action: ShortcutAction
  /** A typed character, with no modifier but the Shift it may need. */
  character: string
  /** The catalog key of what it does. */
  descriptionKey: string
}

export type ShortcutDefinition = ChordShortcut | CharacterShortcut

export const SHORTCUTS: readonly ShortcutDefinition[] = [
  {
    action: 'toggle-mute',
    letter: 'd',
    shift: false,
    alt: false,
    descriptionKey: 'inCall.shortcutMute',
  },
  {
    action: 'toggle-camera',
    letter: 'e',
    shift: false,
    alt: false,
    descriptionKey: 'inCall.shortcutCamera',
  },
  {
    action: 'toggle-screen-share',
    letter: 's',
    shift: true,
    alt: false,
    descriptionKey: 'inCall.shortcutShare',
  },
  {
    action: 'toggle-hand',
    letter: 'h',
    shift: false,
    alt: true,
    descriptionKey: 'inCall.shortcutHand',
  },
  {
    action: 'toggle-chat',
    letter: 'c',
    shift: false,
    alt: true,
    descriptionKey: 'inCall.shortcutChat',
  },
  { action: 'show-shortcuts', character: '?', descriptionKey: 'inCall.shortcutHelp' },
]

/** Hold to talk while muted; written as a row of its own in the shortcuts list. */
export const PUSH_TO_TALK = {
  labelKey: 'inCall.holdSpace',
  descriptionKey: 'inCall.talkWhileMuted',
} as const

export function platformOf(userAgent: string): Platform {
  return /Mac|iPhone|iPad/.test(userAgent) ? 'mac' : 'other'
}

/**
 * The letter a chord means. With Alt held, macOS types a symbol (Alt+H is "˙"), so the physical
 * key's code names the letter then; otherwise the typed key does, which follows the layout.
 */
function letterOf(chord: KeyChord): string | null {
  if (/^[a-z]$/i.test(chord.key)) return chord.key.toLowerCase()
  const match = /^Key([A-Z])$/.exec(chord.code)
  return match?.[1] ? match[1].toLowerCase() : null
}

export function actionForKey(chord: KeyChord, platform: Platform): ShortcutAction | null {
  const primary = platform === 'mac' ? chord.metaKey : chord.ctrlKey
  const other = platform === 'mac' ? chord.ctrlKey : chord.metaKey
  for (const shortcut of SHORTCUTS) {
    if ('character' in shortcut) {
      const plain = !chord.ctrlKey && !chord.metaKey && !chord.altKey
      if (plain && chord.key === shortcut.character) return shortcut.action
      continue
    }
    if (!primary || other) continue
    if (chord.shiftKey !== shortcut.shift || chord.altKey !== shortcut.alt) continue
    if (letterOf(chord) === shortcut.letter) return shortcut.action
  }
  return null
}

/** Space with no modifier: push-to-talk. */
export function isPushToTalkKey(chord: KeyChord): boolean {
  const bare = !chord.ctrlKey && !chord.metaKey && !chord.altKey && !chord.shiftKey
  return bare && (chord.code === 'Space' || chord.key === ' ')
}

/** How a shortcut is written for people, e.g. "Ctrl+Shift+S" or "Cmd+Shift+S". */
export function shortcutLabel(action: ShortcutAction, platform: Platform): string {
  const shortcut = SHORTCUTS.find((candidate) => candidate.action === action)
  if (!shortcut) return ''
  if ('character' in shortcut) return shortcut.character
  const parts = [platform === 'mac' ? 'Cmd' : 'Ctrl']
  if (shortcut.alt) parts.push(platform === 'mac' ? 'Option' : 'Alt')
  if (shortcut.shift) parts.push('Shift')
  parts.push(shortcut.letter.toUpperCase())
  return parts.join('+')
}

/** What a focused element is, as far as deciding who a key belongs to. */
export interface KeyTarget {
  tagName: string
  /** The input's type, for <input>. */
  type?: string
  isContentEditable: boolean
  role: string | null
}

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'time',
  'datetime-local',
  'month',
  'week',
])

/** Typing: a shortcut that is a plain character ("?") must not steal it. */
export function isTextEntry(target: KeyTarget): boolean {
  const tag = target.tagName.toLowerCase()
  if (target.isContentEditable || tag === 'textarea' || tag === 'select') return true
  if (tag === 'input') return TEXT_INPUT_TYPES.has((target.type ?? 'text').toLowerCase())
  return target.role === 'textbox' || target.role === 'combobox'
}

const SPACE_ACTIVATED_ROLES = new Set([
  'button',
  'checkbox',
  'switch',
  'radio',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'option',
  'tab',
  'slider',
  'link',
])

/**
 * Space presses the focused button or ticks the focused box: push-to-talk must leave it to them,
 * and to text fields, where it is a space.
 */
export function spaceBelongsToTarget(target: KeyTarget): boolean {
  if (isTextEntry(target)) return true
  const tag = target.tagName.toLowerCase()
  if (tag === 'button' || tag === 'input' || tag === 'a' || tag === 'summary') return true
  return target.role !== null && SPACE_ACTIVATED_ROLES.has(target.role)
}
