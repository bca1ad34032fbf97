/**
 * The translator works each phrase out once: the same key with the same values in the same
 * language is the text i18next gave the first time, without asking it again. Different values,
 * another language, or values that are not plain are asked for anew.
 */
import { describe, expect, it, vi } from 'vitest'
import { createTranslator } from '../../../src/shared/i18n/create-translator'

/** i18next's own resolver under the instance, to count what reaches it. */
function resolverOf(instance: ReturnType<typeof createTranslator>) {
  const translator = (
    instance as unknown as { translator: { translate(...a: unknown[]): unknown } }
  ).translator
  return vi.spyOn(translator, 'translate')
}

describe('remembered phrases', () => {
  it('the same phrase twice is worked out once, and reads the same', () => {
    const i18n = createTranslator('en')
    const resolver = resolverOf(i18n)
    const first = i18n.t('notices.joined', { name: 'Ada' })
    expect(i18n.t('notices.joined', { name: 'Ada' })).toBe(first)
    expect(first).toBe('Ada joined')
    expect(resolver).toHaveBeenCalledTimes(1)
  })

  it('other values, plurals included, are other phrases', () => {
    const i18n = createTranslator('en')
    expect(i18n.t('notices.joined', { name: 'Ada' })).toBe('Ada joined')
    expect(i18n.t('notices.joined', { name: 'Ben' })).toBe('Ben joined')
    expect(i18n.t('call.status.countOpen', { count: 1 })).toBe('1 person in call')
    expect(i18n.t('call.status.countOpen', { count: 2 })).toBe('2 people in call')
    expect(i18n.t('call.status.countOpen', { count: 1 })).toBe('1 person in call')
  })

  it('a phrase remembered in one language is the other language after a change', async () => {
    const i18n = createTranslator('en')
    expect(i18n.t('call.status.countOpen', { count: 3 })).toBe('3 people in call')
    await i18n.changeLanguage('de')
    expect(i18n.t('call.status.countOpen', { count: 3 })).toBe('3 Personen im Anruf')
    await i18n.changeLanguage('en')
    expect(i18n.t('call.status.countOpen', { count: 3 })).toBe('3 people in call')
  })

  it('react-i18next’s fixed t goes through the memory too', () => {
    const i18n = createTranslator('en')
    const resolver = resolverOf(i18n)
    const t = i18n.getFixedT(null, null)
    expect(t('notices.left', { name: 'Ada' })).toBe('Ada left')
    expect(t('notices.left', { name: 'Ada' })).toBe('Ada left')
    expect(resolver).toHaveBeenCalledTimes(1)
  })

  it('values that are not plain are asked for every time', () => {
    const i18n = createTranslator('en')
    const resolver = resolverOf(i18n)
    const name = { toString: () => 'Ada' }
    i18n.t('notices.joined', { name })
    i18n.t('notices.joined', { name })
    expect(resolver).toHaveBeenCalledTimes(2)
  })
})
