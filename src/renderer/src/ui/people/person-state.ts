/** A person's state in words, for the People panel: "muted, camera off, sharing, speaking". */

export interface PersonStateFacts {
  muted: boolean
  videoEnabled: boolean
  screenSharing: boolean
  speaking: boolean
  handRaised?: boolean
}

export function personStateWords(facts: PersonStateFacts): string[] {
  const words: string[] = []
  if (facts.handRaised) words.push('hand raised')
  if (facts.speaking) words.push('speaking')
  if (facts.muted) words.push('muted')
  if (!facts.videoEnabled) words.push('camera off')
  if (facts.screenSharing) words.push('sharing')
  return words
}
