/**
 * Errors that cross the bridge. contextBridge keeps only an error's message, so a service throws a
 * BridgeError whose message already has the shared `CODE: text` form the renderer parses.
 */
import { bridgeErrorMessage, type BridgeErrorCode } from '../shared/bridge'

export class BridgeError extends Error {
  readonly code: BridgeErrorCode
  /** The message for people, without the code prefix. */
  readonly detail: string

  constructor(code: BridgeErrorCode, detail: string, options?: { cause?: unknown }) {
    super(bridgeErrorMessage(code, detail), options)
    this.name = 'BridgeError'
    this.code = code
    this.detail = detail
  }
}

export function isBridgeError(error: unknown): error is BridgeError {
  return error instanceof BridgeError
}
