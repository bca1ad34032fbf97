/**
 * Errors in the person's language: an engine error's catalog phrases when it has them, else the
 * English message it carries (a backend's own words for a code Parley has none for); a host's
 * bridge error likewise by the phrase it carries.
 */
import type { TFunction } from 'i18next'
import { parseBridgeError } from '../../../../shared/bridge'
import type { CallErrorView } from '../../engine/call-engine-api'

export function callErrorText(error: CallErrorView, t: TFunction): string {
  if (!error.phrases) return error.message
  return error.phrases.map((phrase) => t(phrase.key, phrase.values ?? {})).join(' ')
}

/** A bridge error's sentence: its catalog phrase, else its message (a server's own words). */
export function bridgeErrorText(error: unknown, t: TFunction): string {
  const { message, phrase } = parseBridgeError(error)
  return phrase ? t(phrase.key, phrase.values ?? {}) : message
}
