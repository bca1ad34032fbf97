/** The engine's entry point: the UI creates one engine per signed-in session. */
import type { CallEngine, CallEngineOptions } from './call-engine-api'

export type * from './call-engine-api'

export function createCallEngine(_options: CallEngineOptions): CallEngine {
  // Replaced by the real engine in the next commits; the signature is the contract.
  throw new Error('The call engine is not built yet')
}
