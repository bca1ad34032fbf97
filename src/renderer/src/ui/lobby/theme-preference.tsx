/** The theme choice in the lobby: the system's preference (the default), light or dark. */
import { useId } from 'react'
import {
  themeChoices,
  updateDisplayPreferences,
  useDisplayPreferences,
  type ThemeChoice,
} from '../common/display-preferences'
import { THEME_NAMES } from '../common/theme-names'

export function ThemePreference() {
  const { theme } = useDisplayPreferences()
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>Theme</label>
      <select
        id={id}
        value={theme}
        onChange={(event) => {
          const next = themeChoices.find((choice) => choice === event.target.value)
          if (next) updateDisplayPreferences({ theme: next satisfies ThemeChoice })
        }}
      >
        {themeChoices.map((choice) => (
          <option key={choice} value={choice}>
            {THEME_NAMES[choice]}
          </option>
        ))}
      </select>
    </div>
  )
}
