/**
 * Join requests wait in main until the page signals it is ready; a reload makes it wait again.
 * Nothing is delivered to a page that is not listening, and nothing is lost while it loads.
 */
import { describe, expect, it } from 'vitest'
import { createJoinRequestQueue } from '../../../src/main/join-requests/join-request-queue'
import type { JoinRequest } from '../../../src/shared/bridge'

function queueWithLog() {
  const delivered: JoinRequest[] = []
  const queue = createJoinRequestQueue((request) => delivered.push(request))
  return { queue, delivered }
}

describe('join request queue', () => {
  it('holds a request until the page is ready, then delivers it once', () => {
    const { queue, delivered } = queueWithLog()
    queue.push({ callId: 'early' })
    expect(delivered).toEqual([])
    expect(queue.held()).toEqual({ callId: 'early' })
    queue.pageReady()
    expect(delivered).toEqual([{ callId: 'early' }])
    expect(queue.held()).toBeNull()
    queue.pageReady()
    expect(delivered).toHaveLength(1)
  })

  it('delivers at once while the page is ready', () => {
    const { queue, delivered } = queueWithLog()
    queue.pageReady()
    queue.push({ callId: 'now' })
    expect(delivered).toEqual([{ callId: 'now' }])
  })

  it('holds again while the page reloads, keeping the latest request', () => {
    const { queue, delivered } = queueWithLog()
    queue.pageReady()
    queue.pageGone()
    queue.push({ callId: 'first' })
    queue.push({ callId: 'second' })
    expect(delivered).toEqual([])
    queue.pageReady()
    expect(delivered).toEqual([{ callId: 'second' }])
  })
})
