/** The theme choices as people read them, in the call's "More" menu and the lobby's settings. */
import type { ThemeChoice } from './display-preferences'
import { i18n } from './translator'

export function themeName(choice: ThemeChoice): string {
  return i18n.t(`theme.${choice}`)
}
