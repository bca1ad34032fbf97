/** The key -> action mapping, on Windows/Linux (Ctrl) and macOS (Cmd), and who owns Space. */
import { describe, expect, it } from 'vitest'
import {
  actionForKey,
  isPushToTalkKey,
  isTextEntry,
  platformOf,
  shortcutLabel,
  SHORTCUTS,
  spaceBelongsToTarget,
  type KeyChord,
} from '../../../../src/renderer/src/ui/shortcuts/shortcut-map'

function chord(key: string, code: string, modifiers: Partial<KeyChord> = {}): KeyChord {
  return { key, code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...modifiers }
}

describe('actionForKey', () => {
  it('maps Ctrl chords on Windows and Linux', () => {
    expect(actionForKey(chord('d', 'KeyD', { ctrlKey: true }), 'other')).toBe('toggle-mute')
    expect(actionForKey(chord('e', 'KeyE', { ctrlKey: true }), 'other')).toBe('toggle-camera')
    expect(actionForKey(chord('S', 'KeyS', { ctrlKey: true, shiftKey: true }), 'other')).toBe(
      'toggle-screen-share',
    )
    expect(actionForKey(chord('h', 'KeyH', { ctrlKey: true, altKey: true }), 'other')).toBe(
      'toggle-hand',
    )
    expect(actionForKey(chord('c', 'KeyC', { ctrlKey: true, altKey: true }), 'other')).toBe(
      'toggle-chat',
    )
  })

  it('maps Cmd chords on macOS, where Option types a symbol', () => {
    expect(actionForKey(chord('d', 'KeyD', { metaKey: true }), 'mac')).toBe('toggle-mute')
    expect(actionForKey(chord('˙', 'KeyH', { metaKey: true, altKey: true }), 'mac')).toBe(
      'toggle-hand',
    )
    // Ctrl is not Cmd on a Mac.
    expect(actionForKey(chord('d', 'KeyD', { ctrlKey: true }), 'mac')).toBeNull()
    expect(actionForKey(chord('d', 'KeyD', { ctrlKey: true, metaKey: true }), 'mac')).toBeNull()
  })

  it('needs exactly the listed modifiers', () => {
    expect(actionForKey(chord('d', 'KeyD'), 'other')).toBeNull()
    expect(actionForKey(chord('D', 'KeyD', { ctrlKey: true, shiftKey: true }), 'other')).toBeNull()
    expect(actionForKey(chord('s', 'KeyS', { ctrlKey: true }), 'other')).toBeNull()
    expect(actionForKey(chord('h', 'KeyH', { ctrlKey: true }), 'other')).toBeNull()
    expect(actionForKey(chord('d', 'KeyD', { metaKey: true }), 'other')).toBeNull()
  })

  it('follows the typed letter on other layouts', () => {
    // Dvorak types "d" on the key QWERTY calls KeyH: the letter typed wins over the position.
    expect(actionForKey(chord('d', 'KeyH', { ctrlKey: true }), 'other')).toBe('toggle-mute')
    expect(actionForKey(chord('h', 'KeyJ', { ctrlKey: true }), 'other')).toBeNull()
  })

  it('opens the list on "?" whatever Shift it took, but not with Ctrl', () => {
    expect(actionForKey(chord('?', 'Slash', { shiftKey: true }), 'other')).toBe('show-shortcuts')
    expect(actionForKey(chord('?', 'Minus'), 'mac')).toBe('show-shortcuts')
    expect(actionForKey(chord('?', 'Slash', { ctrlKey: true, shiftKey: true }), 'other')).toBeNull()
  })

  it('leaves every other key alone', () => {
    expect(actionForKey(chord('x', 'KeyX', { ctrlKey: true }), 'other')).toBeNull()
    expect(actionForKey(chord('Enter', 'Enter'), 'other')).toBeNull()
  })
})

describe('labels and platforms', () => {
  it('writes each shortcut for the platform', () => {
    expect(shortcutLabel('toggle-mute', 'other')).toBe('Ctrl+D')
    expect(shortcutLabel('toggle-screen-share', 'other')).toBe('Ctrl+Shift+S')
    expect(shortcutLabel('toggle-hand', 'mac')).toBe('Cmd+Option+H')
    expect(shortcutLabel('show-shortcuts', 'mac')).toBe('?')
  })

  it('every chord shortcut is distinct', () => {
    const labels = SHORTCUTS.map((shortcut) => shortcutLabel(shortcut.action, 'other'))
    expect(new Set(labels).size).toBe(labels.length)
  })

  it('tells macOS from the rest by the user agent', () => {
    expect(platformOf('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)')).toBe('mac')
    expect(platformOf('Mozilla/5.0 (X11; Linux x86_64)')).toBe('other')
    expect(platformOf('Mozilla/5.0 (Windows NT 10.0; Win64; x64)')).toBe('other')
  })
})

describe('Space and text fields', () => {
  const element = (tagName: string, extra: { type?: string; role?: string } = {}) => ({
    tagName,
    type: extra.type,
    isContentEditable: false,
    role: extra.role ?? null,
  })

  it('push-to-talk is a bare Space', () => {
    expect(isPushToTalkKey(chord(' ', 'Space'))).toBe(true)
    expect(isPushToTalkKey(chord(' ', 'Space', { ctrlKey: true }))).toBe(false)
    expect(isPushToTalkKey(chord(' ', 'Space', { shiftKey: true }))).toBe(false)
    expect(isPushToTalkKey(chord('a', 'KeyA'))).toBe(false)
  })

  it('text fields keep their keys', () => {
    expect(isTextEntry(element('INPUT', { type: 'text' }))).toBe(true)
    expect(isTextEntry(element('input'))).toBe(true)
    expect(isTextEntry(element('TEXTAREA'))).toBe(true)
    expect(isTextEntry({ ...element('DIV'), isContentEditable: true })).toBe(true)
    expect(isTextEntry(element('INPUT', { type: 'checkbox' }))).toBe(false)
    expect(isTextEntry(element('BUTTON'))).toBe(false)
    expect(isTextEntry(element('H1'))).toBe(false)
  })

  it('Space belongs to buttons, boxes and fields, not to the page', () => {
    expect(spaceBelongsToTarget(element('BUTTON'))).toBe(true)
    expect(spaceBelongsToTarget(element('INPUT', { type: 'checkbox' }))).toBe(true)
    expect(spaceBelongsToTarget(element('DIV', { role: 'menuitem' }))).toBe(true)
    expect(spaceBelongsToTarget(element('TEXTAREA'))).toBe(true)
    expect(spaceBelongsToTarget(element('BODY'))).toBe(false)
    expect(spaceBelongsToTarget(element('H1'))).toBe(false)
    expect(spaceBelongsToTarget(element('DIV', { role: 'group' }))).toBe(false)
  })
})
