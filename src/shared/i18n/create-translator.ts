/**
 * One i18next instance over Parley's catalogs, for the renderer and the main process alike.
 * Resources are bundled, so it is ready synchronously: no flash of keys on start. Plurals go
 * through i18next's Intl.PluralRules (keys ending _one/_other), numbers and dates through Intl.
 */
import i18next, { type i18n } from 'i18next'
import { catalogs } from './catalogs'
import { DEFAULT_LANGUAGE, supportedLanguages, type Language } from './languages'

export function createTranslator(language: Language): i18n {
  const instance = i18next.createInstance()
  void instance.init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...supportedLanguages],
    resources: {
      en: { translation: catalogs.en },
      de: { translation: catalogs.de },
    },
    initAsync: false,
    // React escapes what it renders; the main process shows plain text only.
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  return instance
}
