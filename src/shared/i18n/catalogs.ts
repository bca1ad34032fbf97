/** Every catalog by language. German must have every English key (tests/unit/shared/i18n). */
import { de } from './catalog-de'
import { en } from './catalog-en'
import type { Language } from './languages'

/** A catalog's shape with every leaf a string: what another language must provide. */
export type CatalogShape<T> = { [K in keyof T]: T[K] extends string ? string : CatalogShape<T[K]> }

export const catalogs: Record<Language, CatalogShape<typeof en>> = { en, de }
