/**
 * The People panel's order: you first, then raised hands in the order they went up (who is
 * waiting longest is next), then everyone else as they came. Pure, so it is unit-tested.
 */

export interface OrderablePerson {
  userId: string
  isLocal: boolean
}

/** `hands` holds the userIds of raised hands, earliest first (CallState.hands). */
export function peopleInPanelOrder<T extends OrderablePerson>(
  people: readonly T[],
  hands: readonly string[],
): T[] {
  const handRank = new Map(hands.map((userId, index) => [userId, index]))
  const rank = (person: T): number => {
    if (person.isLocal) return -1
    return handRank.get(person.userId) ?? hands.length
  }
  // Array.prototype.sort is stable: people of equal rank keep their join order.
  return [...people].sort((a, b) => rank(a) - rank(b))
}
