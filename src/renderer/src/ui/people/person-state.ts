/** A person's state in words, for the People panel: "muted, camera off, sharing, speaking". */
import { i18n } from '../common/translator'

export interface PersonStateFacts {
  muted: boolean
  videoEnabled: boolean
  screenSharing: boolean
  speaking: boolean
  handRaised?: boolean
}

export function personStateWords(facts: PersonStateFacts): string[] {
  const words: string[] = []
  if (facts.handRaised) words.push(i18n.t('people.handRaised'))
  if (facts.speaking) words.push(i18n.t('people.speaking'))
  if (facts.muted) words.push(i18n.t('people.muted'))
  if (!facts.videoEnabled) words.push(i18n.t('people.cameraOff'))
  if (facts.screenSharing) words.push(i18n.t('people.sharing'))
  return words
}
