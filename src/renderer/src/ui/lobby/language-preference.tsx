/**
 * The language choice, beside the theme's: the browser's (or OS's) preferred languages (the
 * default), or one Parley speaks. Each language is named in itself, so it can be found again
 * from a language one cannot read.
 */
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import {
  languageChoices,
  updateDisplayPreferences,
  useDisplayPreferences,
} from '../common/display-preferences'

export function LanguagePreference() {
  const { language } = useDisplayPreferences()
  const { t } = useTranslation()
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={language}
        onChange={(event) => {
          const next = languageChoices.find((choice) => choice === event.target.value)
          if (next) updateDisplayPreferences({ language: next })
        }}
      >
        {languageChoices.map((choice) => (
          <option key={choice} value={choice}>
            {t(`language.${choice}`)}
          </option>
        ))}
      </select>
    </div>
  )
}
