/**
 * The renderer's one translator over the shared catalogs. DOM-free so that plain functions
 * (status lines, notice sentences) read `i18n.t` and stay unit-testable in Node; the language is
 * set before the first render and on every change by i18n-language.ts. Components re-render on a
 * change through react-i18next's useTranslation().
 */
import { createTranslator } from '../../../../shared/i18n/create-translator'
import { DEFAULT_LANGUAGE } from '../../../../shared/i18n/languages'

export const i18n = createTranslator(DEFAULT_LANGUAGE)
