/** The reactions now floating, for the tiles to read without the stage passing them down. */
import { createContext, useContext } from 'react'
import type { ReactionView } from '../../engine/call-engine-api'

export const ReactionsContext = createContext<readonly ReactionView[]>([])

export function useReactionsOf(userId: string): ReactionView[] {
  return useContext(ReactionsContext).filter((reaction) => reaction.userId === userId)
}
