import { describe, expect, it } from 'vitest'
import { RelayFailureWatch } from '../../../../src/renderer/src/engine/relay-failure'

const TURN = 'turn:127.0.0.1:3478?transport=udp'

describe('why a relay-only link has no relay', () => {
  it('is refused credentials after a 401 from a TURN server', () => {
    const watch = new RelayFailureWatch(true)
    watch.candidateError(401, TURN)
    expect(watch.failure).toBe('credentials')
  })

  it('is an unreachable relay after a 701, or when gathering ends with no relay candidate', () => {
    const noAnswer = new RelayFailureWatch(true)
    noAnswer.candidateError(701, TURN)
    expect(noAnswer.failure).toBe('unreachable')
    const nothing = new RelayFailureWatch(true)
    expect(nothing.failure).toBeNull()
    nothing.candidate('host')
    nothing.gatheringComplete()
    expect(nothing.failure).toBe('unreachable')
  })

  it('prefers the refused credentials when both happened (a second TURN URL timed out)', () => {
    const watch = new RelayFailureWatch(true)
    watch.candidateError(701, 'turn:127.0.0.1:1?transport=tcp')
    watch.candidateError(401, TURN)
    expect(watch.failure).toBe('credentials')
  })

  it('is no failure once any relay candidate came, nor on links that may go direct', () => {
    const relayed = new RelayFailureWatch(true)
    relayed.candidateError(401, 'turn:127.0.0.1:9?transport=tcp')
    relayed.candidate('relay')
    relayed.gatheringComplete()
    expect(relayed.failure).toBeNull()
    const direct = new RelayFailureWatch(false)
    direct.candidateError(401, TURN)
    direct.gatheringComplete()
    expect(direct.failure).toBeNull()
  })

  it('ignores STUN errors, and forgets the last gathering on reset', () => {
    const watch = new RelayFailureWatch(true)
    watch.candidateError(401, 'stun:127.0.0.1:3478')
    expect(watch.failure).toBeNull()
    watch.candidateError(401, TURN)
    watch.reset()
    expect(watch.failure).toBeNull()
    watch.candidateError(401, TURN)
    watch.reset(false)
    watch.candidateError(401, TURN)
    expect(watch.failure).toBeNull()
  })
})
