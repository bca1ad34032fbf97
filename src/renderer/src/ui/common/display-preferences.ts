/**
 * How Parley looks on this device: the language, the theme (following the system, or chosen) and the self-view
 * (shown or hidden, mirrored or not). Kept in localStorage: nothing here is a secret, and a
 * value that does not parse (edited by hand, an older version) falls back to the default.
 */
import { useCallback, useEffect, useSyncExternalStore } from 'react'
import { z } from 'zod'
import { supportedLanguages } from '../../../../shared/i18n/languages'

export const themeChoices = ['system', 'light', 'dark'] as const
export type ThemeChoice = (typeof themeChoices)[number]

/** 'system' follows the browser's (or OS's) preferred languages. */
export const languageChoices = ['system', ...supportedLanguages] as const
export type LanguageChoice = (typeof languageChoices)[number]

const displayPreferencesSchema = z.object({
  theme: z.enum(themeChoices).catch('system'),
  language: z.enum(languageChoices).catch('system'),
  selfViewHidden: z.boolean().catch(false),
  // Mirrored by default, as people expect from a mirror (and from other calling apps).
  selfViewMirrored: z.boolean().catch(true),
})

export type DisplayPreferences = z.infer<typeof displayPreferencesSchema>

const STORAGE_KEY = 'parley.display'
const DEFAULTS: DisplayPreferences = displayPreferencesSchema.parse({})

function load(): DisplayPreferences {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY)
    if (!raw) return DEFAULTS
    const parsed = displayPreferencesSchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : DEFAULTS
  } catch {
    // Unreadable JSON or storage switched off: the defaults.
    return DEFAULTS
  }
}

let current: DisplayPreferences | null = null
const listeners = new Set<() => void>()

export function displayPreferencesSnapshot(): DisplayPreferences {
  current ??= load()
  return current
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function updateDisplayPreferences(change: Partial<DisplayPreferences>): void {
  current = { ...displayPreferencesSnapshot(), ...change }
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(current))
  } catch {
    // Not remembered across restarts, but applied now.
  }
  for (const listener of listeners) listener()
}

export function useDisplayPreferences(): DisplayPreferences {
  return useSyncExternalStore(subscribe, displayPreferencesSnapshot)
}

function systemPrefersLight(): boolean {
  return window.matchMedia('(prefers-color-scheme: light)').matches
}

/**
 * Puts the chosen theme on <html data-theme> (the stylesheet keys its colours on it) and follows
 * the system while the choice is "system", also when the system changes mid-call.
 */
export function useAppliedTheme(): void {
  const { theme } = useDisplayPreferences()
  const apply = useCallback(() => {
    const resolved = theme === 'system' ? (systemPrefersLight() ? 'light' : 'dark') : theme
    document.documentElement.dataset['theme'] = resolved
    document.documentElement.style.colorScheme = resolved
  }, [theme])

  useEffect(() => {
    apply()
    if (theme !== 'system') return
    const query = window.matchMedia('(prefers-color-scheme: light)')
    query.addEventListener('change', apply)
    return () => query.removeEventListener('change', apply)
  }, [apply, theme])
}
