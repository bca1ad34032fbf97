/**
 * Join requests (deep links) wait in main until the page says it is ready for them, as
 * electron/fiddle's IPC manager holds messages until WEBCONTENTS_READY_FOR_IPC_SIGNAL. A page that
 * starts loading (a reload, a new window) is not ready again until it signals anew. Only the
 * latest held request is kept: the page asks about one link at a time, and the person clicked the
 * last one most recently.
 */
import type { JoinRequest } from '../../shared/bridge'

export interface JoinRequestQueue {
  /** A request from a deep link: delivered at once when the page is ready, held otherwise. */
  push(request: JoinRequest): void
  /** The page listens now: the held request (if any) is delivered. */
  pageReady(): void
  /** The page is loading again or gone: hold requests until it signals once more. */
  pageGone(): void
  /** The held request, for the log and the tests. */
  held(): JoinRequest | null
}

export function createJoinRequestQueue(deliver: (request: JoinRequest) => void): JoinRequestQueue {
  let ready = false
  let pending: JoinRequest | null = null
  return {
    push(request) {
      if (ready) deliver(request)
      else pending = request
    },
    pageReady() {
      ready = true
      const request = pending
      pending = null
      if (request) deliver(request)
    },
    pageGone() {
      ready = false
    },
    held: () => pending,
  }
}
