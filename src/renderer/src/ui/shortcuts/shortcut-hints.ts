/**
 * The shortcut written beside a control's name in its tooltip, e.g. "Mute microphone (Ctrl+D)".
 * Provided by the call screen only: in the lobby the same buttons have no shortcuts.
 */
import { createContext, useContext } from 'react'
import { shortcutLabel, type Platform, type ShortcutAction } from './shortcut-map'

export const ShortcutPlatformContext = createContext<Platform | null>(null)

/** The tooltip for a control: its name, and its shortcut when there is one here. */
export function useShortcutTitle(label: string, action: ShortcutAction): string {
  const platform = useContext(ShortcutPlatformContext)
  return platform ? `${label} (${shortcutLabel(action, platform)})` : label
}
