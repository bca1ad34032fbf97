/** The recovery rules that keep either side from waiting on the other for ever. */
import { describe, expect, it } from 'vitest'
import {
  LocalAddressWatch,
  decideRecovery,
  localCandidateAddress,
  type RecoveryInput,
} from '../../../../src/renderer/src/engine/link-recovery'
import { backoffPolicy } from '../../../../src/shared/retry-policy'

const base: RecoveryInput = {
  cause: 'failed',
  polite: false,
  attempt: 0,
  signalingUp: true,
  negotiated: true,
  canRebuild: true,
}

const action = (input: Partial<RecoveryInput>): string =>
  decideRecovery({ ...base, ...input }).action

describe('decideRecovery', () => {
  it('the impolite side restarts ICE at once', () => {
    expect(action({ polite: false, attempt: 0 })).toBe('restart-ice')
  })

  it('the polite side leaves the first rung to the impolite side, then restarts itself', () => {
    expect(action({ polite: true, attempt: 0 })).toBe('wait-for-remote')
    expect(action({ polite: true, attempt: 1 })).toBe('restart-ice')
  })

  it('a known network change restarts at once on either side', () => {
    expect(action({ polite: true, attempt: 0, cause: 'network-change' })).toBe('restart-ice')
    expect(action({ polite: false, attempt: 0, cause: 'network-change' })).toBe('restart-ice')
  })

  it('restarts that did not help lead to a fresh link while the budget lasts, on both sides', () => {
    expect(action({ polite: false, attempt: 2 })).toBe('rebuild')
    expect(action({ polite: true, attempt: 3 })).toBe('rebuild')
    expect(action({ polite: false, attempt: 2, canRebuild: false })).toBe('restart-ice')
    expect(action({ polite: true, attempt: 3, canRebuild: false })).toBe('restart-ice')
  })

  it('a link that never got a description is rebuilt (it offers), or waits without budget', () => {
    expect(action({ negotiated: false, cause: 'never-connected' })).toBe('rebuild')
    expect(action({ negotiated: false, canRebuild: false })).toBe('wait-for-remote')
  })

  it('nothing is sent into a dead socket', () => {
    expect(action({ signalingUp: false })).toBe('wait-for-signaling')
    expect(action({ signalingUp: false, polite: true, cause: 'network-change' })).toBe(
      'wait-for-signaling',
    )
  })

  it('gives up after the last rung of its policy, and says when to look again before', () => {
    const policy = backoffPolicy([100, 200])
    expect(decideRecovery({ ...base, attempt: 1 }, policy)).toEqual({
      action: 'restart-ice',
      checkAgainMs: 200,
    })
    expect(decideRecovery({ ...base, attempt: 2 }, policy)).toEqual({
      action: 'give-up',
      checkAgainMs: null,
    })
  })
})

describe('local candidate addresses', () => {
  it('are read from host and reflexive candidates; relays and junk give none', () => {
    expect(
      localCandidateAddress(
        'candidate:1 1 udp 2122260223 198.51.100.2 50000 typ host generation 0',
      ),
    ).toBe('198.51.100.2')
    expect(
      localCandidateAddress(
        'a=candidate:7 1 udp 1686052607 203.0.113.9 61000 typ srflx raddr 198.51.100.2 rport 1',
      ),
    ).toBe('203.0.113.9')
    expect(localCandidateAddress('candidate:2 1 udp 2122260223 5a1f-Ab.local 50000 typ host')).toBe(
      '5a1f-ab.local',
    )
    expect(
      localCandidateAddress('candidate:3 1 udp 41885439 192.0.2.7 3478 typ relay raddr 0.0.0.0'),
    ).toBeNull()
    expect(localCandidateAddress('')).toBeNull()
    expect(localCandidateAddress('candidate:1 1 udp')).toBeNull()
  })

  it('a new one counts only after the first gathering round, and only once', () => {
    const watch = new LocalAddressWatch()
    const on = (address: string) => `candidate:1 1 udp 2122260223 ${address} 50000 typ host`
    expect(watch.isNewAddress(on('198.51.100.2'))).toBe(false)
    expect(watch.isNewAddress(on('198.51.100.3'))).toBe(false)
    watch.gatheringComplete()
    expect(watch.isNewAddress(on('198.51.100.2'))).toBe(false)
    expect(watch.isNewAddress(on('203.0.113.66'))).toBe(true)
    expect(watch.isNewAddress(on('203.0.113.66'))).toBe(false)
  })

  it("tells a restart's round that gathered only where the link was healthy", () => {
    const watch = new LocalAddressWatch()
    const on = (address: string) => `candidate:1 1 udp 2122260223 ${address} 50000 typ host`
    watch.isNewAddress(on('198.51.100.2'))
    expect(watch.gatheringComplete()).toBeNull()
    watch.linkHealthy()
    // Wi-Fi is gone, but the browser has not noticed: the restart gathers on it again.
    watch.restartStarted()
    watch.isNewAddress(on('198.51.100.2'))
    expect(watch.gatheringComplete()).toBe('nothing-new')
    // The next round finds cellular.
    watch.restartStarted()
    watch.isNewAddress(on('198.51.100.2'))
    expect(watch.isNewAddress(on('203.0.113.66'))).toBe(true)
    expect(watch.gatheringComplete()).toBeNull()
    // A round that finds an address gathered since the link was last healthy (cellular came up
    // before Wi-Fi went) is not empty either, although that address is no longer news.
    watch.restartStarted()
    expect(watch.isNewAddress(on('203.0.113.66'))).toBe(false)
    expect(watch.gatheringComplete()).toBeNull()
    // Healthy on cellular: from then on it is where the link was.
    watch.linkHealthy()
    // Gathered while healthy (the first round ends after the link connected): where it was too.
    watch.isNewAddress(on('192.0.2.50'), true)
    watch.restartStarted()
    watch.isNewAddress(on('203.0.113.66'))
    watch.isNewAddress(on('192.0.2.50'))
    expect(watch.gatheringComplete()).toBe('nothing-new')
    // A relayed candidate says nothing about our interfaces; a round that was no restart's is
    // never called empty.
    watch.restartStarted()
    watch.isNewAddress('candidate:4 1 udp 41885439 192.0.2.7 3478 typ relay raddr 0.0.0.0 rport 0')
    expect(watch.gatheringComplete()).toBe('nothing-new')
    expect(watch.gatheringComplete()).toBeNull()
  })
})

describe('the no-media cause', () => {
  it('is left to the impolite side for one rung, like any other, unless the network changed', () => {
    expect(action({ cause: 'no-media', polite: true, attempt: 0 })).toBe('wait-for-remote')
    expect(action({ cause: 'no-media', polite: false, attempt: 0 })).toBe('restart-ice')
    expect(action({ cause: 'network-change', polite: true, attempt: 3 })).toBe('restart-ice')
  })
})
