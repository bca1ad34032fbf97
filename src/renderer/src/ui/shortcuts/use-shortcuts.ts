/**
 * Listens to the keyboard for the call screen: chords from `shortcut-map.ts` run their handler,
 * and holding Space unmutes until it is let go (push-to-talk). An action without a handler is
 * left to the browser, so a part of the call screen plugs its shortcut in by handling it.
 */
import { useEffect, useLayoutEffect, useRef } from 'react'
import {
  actionForKey,
  isPushToTalkKey,
  isTextEntry,
  spaceBelongsToTarget,
  type KeyTarget,
  type Platform,
  type ShortcutAction,
} from './shortcut-map'

export type ShortcutHandlers = Partial<Record<ShortcutAction, () => void>>

export interface PushToTalk {
  /** Whether the microphone is muted now: push-to-talk only does anything then. */
  isMuted: () => boolean
  setMuted: (muted: boolean) => void
}

function keyTargetOf(target: EventTarget | null): KeyTarget {
  if (!(target instanceof HTMLElement)) {
    return { tagName: 'body', isContentEditable: false, role: null }
  }
  return {
    tagName: target.tagName,
    type: target instanceof HTMLInputElement ? target.type : undefined,
    isContentEditable: target.isContentEditable,
    role: target.getAttribute('role'),
  }
}

export function useShortcuts(
  platform: Platform,
  handlers: ShortcutHandlers,
  pushToTalk: PushToTalk,
): void {
  const latest = useRef({ handlers, pushToTalk })
  // Before the page paints what a render changed: a key pressed the moment the screen shows the
  // change (a share now stoppable) must reach the handlers of that render. Passive effects run
  // later, and Chromium handles input ahead of them.
  useLayoutEffect(() => {
    latest.current = { handlers, pushToTalk }
  })

  useEffect(() => {
    // True while Space holds the microphone open; only then does letting go mute again.
    let talking = false
    const release = () => {
      if (!talking) return
      talking = false
      latest.current.pushToTalk.setMuted(true)
    }

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return
      const target = keyTargetOf(event.target)
      if (isPushToTalkKey(event)) {
        if (spaceBelongsToTarget(target)) return
        // The page would scroll; a held key repeats, and only its first press counts.
        event.preventDefault()
        if (event.repeat || talking || !latest.current.pushToTalk.isMuted()) return
        talking = true
        latest.current.pushToTalk.setMuted(false)
        return
      }
      const action = actionForKey(event, platform)
      if (!action) return
      // "?" is a character: in a text field it is typed, not a shortcut.
      if (action === 'show-shortcuts' && isTextEntry(target)) return
      const handler = latest.current.handlers[action]
      if (!handler) return
      event.preventDefault()
      if (!event.repeat) handler()
    }
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.code === 'Space' || event.key === ' ') release()
    }
    // Let go of Space in another window and we never hear the keyup: leaving the window ends it.
    const onBlur = () => release()

    window.addEventListener('keydown', onKeyDown)
    window.addEventListener('keyup', onKeyUp)
    window.addEventListener('blur', onBlur)
    return () => {
      window.removeEventListener('keydown', onKeyDown)
      window.removeEventListener('keyup', onKeyUp)
      window.removeEventListener('blur', onBlur)
      release()
    }
  }, [platform])
}
