/**
 * One i18next instance over Parley's catalogs, for the renderer and the main process alike.
 * Resources are bundled, so it is ready synchronously: no flash of keys on start. Plurals go
 * through i18next's Intl.PluralRules (keys ending _one/_other), numbers and dates through Intl.
 */
import i18next, { type i18n } from 'i18next'
import { catalogs } from './catalogs'
import { DEFAULT_LANGUAGE, supportedLanguages, type Language } from './languages'

/** Phrases kept; past this the memory starts over (a clock in a sentence makes new ones). */
const REMEMBERED_PHRASES = 2_000

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
  rememberPhrases(instance)
  return instance
}

/**
 * i18next works every call out afresh: options merged, the key split, the language chain walked,
 * a plural chosen through Intl.PluralRules, values interpolated by regular expressions. Rendering
 * the call screen while a 4-person call was set up spent 110 ms of the joiner's main thread in it
 * (bench:call profile), on the path of the first frames. The catalogs never change after init, so
 * a key with the same values in the same language is the same text: each is worked out once.
 * Calls with anything but plain values (objects, functions) go straight through.
 */
function rememberPhrases(instance: i18n): void {
  const translate = instance.t.bind(instance) as unknown as (...args: unknown[]) => unknown
  const remembered = new Map<string, string>()
  instance.on('languageChanged', () => remembered.clear())
  const t = (...args: unknown[]): unknown => {
    const key = phraseKey(instance.language, args)
    const known = key === null ? undefined : remembered.get(key)
    if (known !== undefined) return known
    const text = translate(...args)
    if (key !== null && typeof text === 'string') {
      if (remembered.size >= REMEMBERED_PHRASES) remembered.clear()
      remembered.set(key, text)
    }
    return text
  }
  // react-i18next's `t` (getFixedT) calls the instance's `t`, so this serves every component.
  instance.t = t as unknown as i18n['t']
}

type Plain = string | number | boolean | null | undefined

function isPlain(value: unknown): value is Plain {
  return value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value)
}

function isPlainList(value: unknown): boolean {
  return Array.isArray(value) && value.every(isPlain)
}

/** The call's arguments as one string, or null when a value is not plain. */
function phraseKey(language: string, args: readonly unknown[]): string | null {
  const [keys, options, ...rest] = args
  if (rest.length > 0 || !(typeof keys === 'string' || isPlainList(keys))) return null
  if (options !== undefined && !isPlain(options)) {
    if (typeof options !== 'object' || Object.getPrototypeOf(options) !== Object.prototype) {
      return null
    }
    for (const value of Object.values(options)) {
      if (!isPlain(value) && !isPlainList(value)) return null
    }
  }
  return JSON.stringify([language, keys, options ?? null])
}
