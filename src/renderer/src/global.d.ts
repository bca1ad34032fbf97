/** The preload exposes the Bridge as `window.parley` in the desktop app; on the web it is absent. */
import type { Bridge } from '../../shared/bridge'

declare global {
  interface Window {
    parley?: Bridge
  }
}

export {}
