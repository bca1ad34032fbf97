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
  return person.displayName.trim() || 'Someone'
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

/** The sentence the live region reads out. */
export function changeSentence(change: ParticipantChange): string {
  switch (change.kind) {
    case 'joined':
      return `${change.name} joined`
    case 'left':
      return `${change.name} left`
    case 'started-sharing':
      return `${change.name} is sharing their screen`
  }
}
