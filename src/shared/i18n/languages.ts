/**
 * The languages Parley speaks, and how one is picked from a person's preferred list (the browser's
 * navigator.languages, or the OS locale in the main process): the first preferred language Parley
 * has, matched on its primary subtag ("de-AT" -> German), else English.
 */
export const supportedLanguages = ['en', 'de'] as const
export type Language = (typeof supportedLanguages)[number]

export const DEFAULT_LANGUAGE: Language = 'en'

export function isLanguage(value: string): value is Language {
  return (supportedLanguages as readonly string[]).includes(value)
}

export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? ''
    if (isLanguage(primary)) return primary
  }
  return DEFAULT_LANGUAGE
}
