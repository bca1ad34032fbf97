import { i18n } from '../common/translator'

/**
 * What changed among the others in a call between two CallStates, as events worth telling people
 * about: joins and leaves, and their microphone, camera and screen share going on or off. Pure, over the few fields it reads, so it is unit-tested without the engine.
 */

export interface PersonSnapshot {
  userId: string
  displayName: string
  mediaState: { screenSharing: boolean; muted: boolean; videoEnabled: boolean }
}

export type ParticipantChangeKind =
  | 'joined'
  | 'left'
  | 'started-sharing'
  | 'stopped-sharing'
  | 'muted'
  | 'unmuted'
  | 'camera-off'
  | 'camera-on'

export interface ParticipantChange {
  kind: ParticipantChangeKind
  userId: string
  name: string
}

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
    const add = (kind: ParticipantChangeKind) => changes.push({ kind, userId: person.userId, name })
    if (!previous) {
      add('joined')
      // Someone who joins already sharing is told as sharing too: the screen appears with them.
      // How they arrive muted or without a camera is where they start, not news.
      if (person.mediaState.screenSharing) add('started-sharing')
      continue
    }
    const was = previous.mediaState
    const now = person.mediaState
    if (now.screenSharing !== was.screenSharing) {
      add(now.screenSharing ? 'started-sharing' : 'stopped-sharing')
    }
    if (now.muted !== was.muted) add(now.muted ? 'muted' : 'unmuted')
    if (now.videoEnabled !== was.videoEnabled) add(now.videoEnabled ? 'camera-on' : 'camera-off')
  }
  for (const person of before) {
    if (!now.has(person.userId)) {
      changes.push({ kind: 'left', userId: person.userId, name: nameOf(person) })
    }
  }
  return changes
}

const SENTENCE_KEYS: Record<ParticipantChangeKind, string> = {
  joined: 'notices.joined',
  left: 'notices.left',
  'started-sharing': 'notices.sharing',
  'stopped-sharing': 'notices.stoppedSharing',
  muted: 'notices.muted',
  unmuted: 'notices.unmuted',
  'camera-off': 'notices.cameraOff',
  'camera-on': 'notices.cameraOn',
}

/** The catalog key of the sentence the live region reads out; its {{name}} is the person. */
export function changeSentenceKey(change: ParticipantChange): string {
  return SENTENCE_KEYS[change.kind]
}

/** The sentence as plain text, for a system notification. */
export function changeSentence(change: ParticipantChange): string {
  return i18n.t(changeSentenceKey(change), { name: change.name })
}
