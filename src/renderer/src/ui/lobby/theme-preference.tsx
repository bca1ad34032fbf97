/** The theme choice in the lobby: the system's preference (the default), light or dark. */
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import {
  themeChoices,
  updateDisplayPreferences,
  useDisplayPreferences,
  type ThemeChoice,
} from '../common/display-preferences'
import { themeName } from '../common/theme-names'

export function ThemePreference() {
  const { theme } = useDisplayPreferences()
  const { t } = useTranslation()
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{t('theme.label')}</label>
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
            {themeName(choice)}
          </option>
        ))}
      </select>
    </div>
  )
}
