/**
 * Errors that cross the bridge. contextBridge keeps only an error's message, so a service throws a
 * BridgeError whose message already has the shared `CODE: text` form the renderer parses. The
 * class lives in shared code because the shared auth client throws it too.
 */
export { BridgeError, isBridgeError, phrasedBridgeError } from '../shared/bridge'
