/** The per-participant record: its budget, its held candidates and a view that stays the same object. */
import { describe, expect, it } from 'vitest'
import { RemoteParticipant } from '../../../../src/renderer/src/engine/remote-participant'

describe('RemoteParticipant', () => {
  it('a peer without a display name gets a readable one, and keeps a name it had', () => {
    const remote = new RemoteParticipant('abcdef123', undefined, undefined)
    expect(remote.displayName).toBe('Guest abcdef')
    remote.update('Ana', undefined)
    remote.update(undefined, undefined)
    expect(remote.displayName).toBe('Ana')
  })

  it('the rebuild budget runs out and comes back on reset (a rejoin, a reconnect)', () => {
    const remote = new RemoteParticipant('u', 'U', undefined)
    expect(remote.canRebuild).toBe(true)
    remote.countRebuild()
    remote.countRebuild()
    expect(remote.canRebuild).toBe(false)
    remote.resetBudget()
    expect(remote.canRebuild).toBe(true)
  })

  it('early candidates are handed over once, in order', () => {
    const remote = new RemoteParticipant('u', 'U', undefined)
    remote.holdCandidate('candidate:1')
    remote.holdCandidate(null)
    expect(remote.takeEarlyCandidates()).toEqual(['candidate:1', null])
    expect(remote.takeEarlyCandidates()).toEqual([])
  })

  it('the view is the same object until something in it changes', () => {
    const remote = new RemoteParticipant('u', 'U', undefined)
    const first = remote.toView()
    expect(remote.toView()).toBe(first)
    remote.update(undefined, { muted: true, videoEnabled: true, screenSharing: false })
    const second = remote.toView()
    expect(second).not.toBe(first)
    expect(second.mediaState.muted).toBe(true)
    expect(remote.toView()).toBe(second)
  })
})
