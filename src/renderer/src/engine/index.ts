/** The engine's entry point: the UI creates one engine per signed-in session. */
import type { CallEngine, CallEngineOptions } from './call-engine-api'
import { CallEngineImpl } from './call-engine'

export type * from './call-engine-api'

export function createCallEngine(options: CallEngineOptions): CallEngine {
  return new CallEngineImpl(options)
}
