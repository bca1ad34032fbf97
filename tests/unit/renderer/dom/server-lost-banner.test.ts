/** When the call shows the calm "the call continues" banner instead of a red alert. */
import { describe, expect, it } from 'vitest'
import { serverLost } from '../../../../src/renderer/src/ui/call/server-lost-banner'
import { serverUnreachable } from '../../../../src/renderer/src/engine/errors'

describe('serverLost', () => {
  it('in a call, a dropped socket or an unreachable server shows the banner', () => {
    expect(serverLost({ phase: 'in-call', status: 'reconnecting', error: null })).toBe(true)
    expect(serverLost({ phase: 'in-call', status: 'connecting', error: serverUnreachable })).toBe(
      true,
    )
  })

  it('not in the lobby or while joining, and not once connected without that error', () => {
    expect(serverLost({ phase: 'lobby', status: 'reconnecting', error: serverUnreachable })).toBe(
      false,
    )
    expect(serverLost({ phase: 'joining', status: 'reconnecting', error: null })).toBe(false)
    expect(serverLost({ phase: 'in-call', status: 'connected', error: null })).toBe(false)
  })
})
