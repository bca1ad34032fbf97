import { i18n } from '../common/translator'

/**
 * What changed among the others in a call between two CallStates, as events worth telling people
 * about. Pure, over the few fields it reads, so it is unit-tested without the engine.
 */

export interface PersonSnapshot {
  userId: string
  displayName: string
  mediaState: { screenSharing: boolean }
}

export type ParticipantChange =
  | { kind: 'joined'; userId: string; name: string }
  | { kind: 'left'; userId: string; name: string }
  | { kind: 'started-sharing'; userId: string; name: string }

export function nameOf(person: PersonSnapshot): string {
  return person.displayName.trim() || i18n.t('common.someone')
}

export function participantChanges(
  before: readonly PersonSnapshot[],
  after: readonly PersonSnapshot[],
): ParticipantChange[] {
  const earlier = new Map(before.map((person) => [person.userId, person]))
  const now = new Set(after.map((person) => person.userId))
  const changes: ParticipantChange[] = []
  for (const person of after) {
    const previous = earlier.get(person.userId)
    const name = nameOf(person)
    if (!previous) changes.push({ kind: 'joined', userId: person.userId, name })
    // Someone who joins already sharing is told as sharing too: the screen appears with them.
    if (person.mediaState.screenSharing && !previous?.mediaState.screenSharing) {
      changes.push({ kind: 'started-sharing', userId: person.userId, name })
    }
  }
  for (const person of before) {
    if (!now.has(person.userId)) {
      changes.push({ kind: 'left', userId: person.userId, name: nameOf(person) })
    }
  }
  return changes
}

const SENTENCE_KEYS: Record<ParticipantChange['kind'], string> = {
  joined: 'notices.joined',
  left: 'notices.left',
  'started-sharing': 'notices.sharing',
}

/** The catalog key of the sentence the live region reads out; its {{name}} is the person. */
export function changeSentenceKey(change: ParticipantChange): string {
  return SENTENCE_KEYS[change.kind]
}

/** The sentence as plain text, for a system notification. */
export function changeSentence(change: ParticipantChange): string {
  return i18n.t(changeSentenceKey(change), { name: change.name })
}
