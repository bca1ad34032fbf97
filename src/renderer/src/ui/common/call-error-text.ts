/**
 * An engine error in the person's language: its catalog phrases when it has them, else the
 * English message it carries (a backend's own words for a code Parley has none for).
 */
import type { TFunction } from 'i18next'
import type { CallErrorView } from '../../engine/call-engine-api'

export function callErrorText(error: CallErrorView, t: TFunction): string {
  if (!error.phrases) return error.message
  return error.phrases.map((phrase) => t(phrase.key, phrase.values ?? {})).join(' ')
}
