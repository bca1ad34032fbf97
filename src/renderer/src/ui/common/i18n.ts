/**
 * Which language the renderer speaks: the one the person chose (display preferences), or else
 * the first of navigator.languages Parley speaks, else English.
 */
import { useEffect } from 'react'
import { pickLanguage, type Language } from '../../../../shared/i18n/languages'
import {
  displayPreferencesSnapshot,
  useDisplayPreferences,
  type LanguageChoice,
} from './display-preferences'
import { i18n } from './translator'

export function resolveLanguage(choice: LanguageChoice, preferred: readonly string[]): Language {
  return choice === 'system' ? pickLanguage(preferred) : choice
}

function apply(language: Language): void {
  // Resources are bundled, so the change is complete when this returns.
  if (i18n.language !== language) void i18n.changeLanguage(language)
  // Keeps <html lang> true for screen readers, hyphenation and Intl formatting.
  document.documentElement.lang = language
  warmPluralRules(language)
}

/**
 * The language's plural rules are made and first used in an idle moment, not on the first plural
 * (the call screen's "2 people", rendered while a call is being set up): the first use of a
 * language's rules loads their data, several ms of the main thread. The translator keeps them.
 */
function warmPluralRules(language: Language): void {
  window.requestIdleCallback(
    () => {
      const plurals = i18n.services.pluralResolver
      for (const count of [0, 1, 2]) plurals.getSuffix(language, count)
    },
    { timeout: 2_000 },
  )
}

/** Called once before the first render, so the first screen is already in the right language. */
export function applyStartingLanguage(): void {
  apply(resolveLanguage(displayPreferencesSnapshot().language, navigator.languages))
}

/** Follows the language setting. */
export function useAppliedLanguage(): void {
  const { language } = useDisplayPreferences()
  useEffect(() => apply(resolveLanguage(language, navigator.languages)), [language])
}
