/** Why a link to someone fails, as the engine tells it (a catalog phrase), in the person's language. */
import type { Phrase } from '../../../../shared/i18n/phrase'
import { i18n } from '../common/translator'

export function linkProblemText(problem: Phrase): string {
  return i18n.t(problem.key, problem.values ?? {})
}
