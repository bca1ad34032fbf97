/** Remembers the last display name on this device, so signing in again is one keystroke. */
const KEY = 'parley.lastDisplayName'

export function loadLastDisplayName(): string {
  try {
    return window.localStorage.getItem(KEY) ?? ''
  } catch {
    // Storage can be disabled (private modes, some embedders); a blank field is fine then.
    return ''
  }
}

export function saveLastDisplayName(name: string): void {
  try {
    window.localStorage.setItem(KEY, name)
  } catch {
    // Not remembering the name is harmless.
  }
}
