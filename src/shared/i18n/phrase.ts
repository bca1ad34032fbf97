/**
 * A sentence told as a catalog key and its placeholders, so the side that shows it says it in the
 * person's language. Errors crossing the bridge carry one (the host does not know the language the
 * page speaks); the English text stays beside it for logs.
 */
import { z } from 'zod'
import { catalogs } from './catalogs'
import { createTranslator } from './create-translator'
import { DEFAULT_LANGUAGE } from './languages'

export interface Phrase {
  key: string
  values?: Record<string, string>
}

/** True when `key` names a sentence of the catalog (a leaf), so no stray key reaches a person. */
export function isCatalogKey(key: string): boolean {
  let node: unknown = catalogs.en
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return false
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string'
}

/** A phrase from across a process boundary: untrusted until it names a catalog sentence. */
export const phraseSchema = z.object({
  key: z.string().max(200).refine(isCatalogKey, 'not a catalog sentence'),
  values: z.record(z.string().max(64), z.string().max(2000)).optional(),
})

export function phrase(key: string, values?: Record<string, string>): Phrase {
  return values ? { key, values } : { key }
}

const english = createTranslator(DEFAULT_LANGUAGE)

/** A phrase in English: for logs, and for the `message` kept beside it. */
export function englishText(sentence: Phrase): string {
  return english.t(sentence.key, sentence.values ?? {})
}
