/** The Bridge when the renderer is served by the reference server and runs in a browser. */
import type { Bridge } from '../../../shared/bridge'

export function createWebBridge(_location: Location): Bridge {
  // Replaced by the HTTP implementation in the next commits; the signature is the contract.
  throw new Error('The web bridge is not built yet')
}
