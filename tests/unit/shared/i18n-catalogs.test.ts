import { describe, expect, it } from 'vitest'
import { catalogs } from '../../../src/shared/i18n/catalogs'
import { createTranslator } from '../../../src/shared/i18n/create-translator'
import { pickLanguage } from '../../../src/shared/i18n/languages'

/** Every leaf of a catalog as [dotted key, text]. */
function leaves(catalog: object, prefix = ''): Map<string, string> {
  const found = new Map<string, string>()
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') found.set(path, value)
    else for (const [inner, text] of leaves(value as object, path)) found.set(inner, text)
  }
  return found
}

function placeholders(text: string): string[] {
  const names = [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '')
  const tags = [...text.matchAll(/<\/?(\w+)>/g)].map((match) => `<${match[1] ?? ''}>`)
  return [...names, ...tags].sort()
}

describe('translation catalogs', () => {
  const english = leaves(catalogs.en)
  const german = leaves(catalogs.de)

  it('German has every English key and no other', () => {
    expect([...german.keys()].sort()).toEqual([...english.keys()].sort())
    expect(english.size).toBeGreaterThan(50)
  })

  it('every German text has the same placeholders and tags as its English one', () => {
    for (const [key, text] of english) {
      expect(placeholders(german.get(key) ?? ''), key).toEqual(placeholders(text))
    }
  })

  it('no German text is left empty', () => {
    for (const [key, text] of german) expect(text.trim(), key).not.toBe('')
  })
})

describe('translator', () => {
  it('picks plurals through Intl plural rules', () => {
    const en = createTranslator('en')
    expect(en.t('call.status.count', { count: 1, max: 4 })).toBe('1 of 4 people')
    expect(en.t('call.status.count', { count: 3, max: 4 })).toBe('3 of 4 people')
    const de = createTranslator('de')
    expect(de.t('call.status.countOpen', { count: 1 })).toBe('1 Person im Anruf')
    expect(de.t('call.status.countOpen', { count: 2 })).toBe('2 Personen im Anruf')
  })

  it('fills names in without escaping them (React and the OS escape what they show)', () => {
    expect(createTranslator('en').t('notices.joined', { name: 'A&B <x>' })).toBe('A&B <x> joined')
  })
})

describe('pickLanguage', () => {
  it('takes the first preferred language Parley speaks, by primary subtag', () => {
    expect(pickLanguage(['fr-FR', 'de-AT', 'en-US'])).toBe('de')
    expect(pickLanguage(['en-GB', 'de'])).toBe('en')
    expect(pickLanguage(['de_DE'])).toBe('de')
  })

  it('falls back to English', () => {
    expect(pickLanguage([])).toBe('en')
    expect(pickLanguage(['fr', 'ja'])).toBe('en')
  })
})
