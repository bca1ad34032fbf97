/**
 * Remembers the last display name and server address on this device, so signing in again is one
 * keystroke. Neither is a secret; tokens are never kept here.
 */

function rememberedValue(key: string) {
  return {
    load(): string {
      try {
        return window.localStorage.getItem(key) ?? ''
      } catch {
        // Storage can be disabled (private modes, some embedders); a blank field is fine then.
        return ''
      }
    },
    save(value: string): void {
      try {
        window.localStorage.setItem(key, value)
      } catch {
        // Not remembering is harmless.
      }
    },
  }
}

export const lastDisplayName = rememberedValue('parley.lastDisplayName')
/** Empty when the last sign-in was to the built-in server. */
export const lastServerUrl = rememberedValue('parley.lastServerUrl')
