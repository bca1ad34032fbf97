/**
 * The renderer's translator: the shared catalogs in the language the person chose (display
 * preferences), or else the first of navigator.languages Parley speaks, else English. Plain
 * functions (status lines, notices) read `i18n.t`; components re-render on a change through
 * react-i18next's useTranslation().
 */
import { useEffect } from 'react'
import { createTranslator } from '../../../../shared/i18n/create-translator'
import { pickLanguage, type Language } from '../../../../shared/i18n/languages'
import {
  displayPreferencesSnapshot,
  useDisplayPreferences,
  type LanguageChoice,
} from './display-preferences'

function browserLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language])
}

export function resolveLanguage(choice: LanguageChoice, preferred: readonly string[]): Language {
  return choice === 'system' ? pickLanguage(preferred) : choice
}

function startingLanguage(): Language {
  try {
    return resolveLanguage(displayPreferencesSnapshot().language, browserLanguages())
  } catch {
    // No window (a unit test in Node): the browser's list alone.
    return pickLanguage(browserLanguages())
  }
}

export const i18n = createTranslator(startingLanguage())

/** Follows the language setting, and keeps <html lang> true for screen readers and hyphenation. */
export function useAppliedLanguage(): void {
  const { language } = useDisplayPreferences()
  useEffect(() => {
    const resolved = resolveLanguage(language, browserLanguages())
    if (i18n.language !== resolved) void i18n.changeLanguage(resolved)
    document.documentElement.lang = resolved
  }, [language])
}
