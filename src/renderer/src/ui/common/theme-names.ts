/** The theme choices as people read them, in the call's "More" menu and the lobby's settings. */
import type { ThemeChoice } from './display-preferences'

export const THEME_NAMES: Record<ThemeChoice, string> = {
  system: 'Same as system',
  light: 'Light',
  dark: 'Dark',
}
