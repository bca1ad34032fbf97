/** The per-participant record: its budget, its held candidates and a view that stays the same object. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { InCallChannel } from '../../../../src/renderer/src/engine/in-call-channel'
import type { PeerLink } from '../../../../src/renderer/src/engine/peer-link'
import {
  AWAY_SHOWN_AFTER_MS,
  RemoteParticipant,
  SHOWN_SIZE_INTERVAL_MS,
  keepThroughGrace,
} from '../../../../src/renderer/src/engine/remote-participant'

/** Only what the view reads of a link whose media flows. */
function workingLink(): PeerLink {
  return {
    link: 'connected',
    cameraStream: null,
    screenStream: null,
    failureReason: null,
    stats: null,
    close: () => undefined,
  } as unknown as PeerLink
}

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

  it('chat held for a channel not ready yet is handed over once, in order, and only the latest 50', () => {
    const remote = new RemoteParticipant('u', 'U', undefined)
    for (let n = 0; n < 52; n++) {
      remote.holdChat({ kind: 'chat', id: `m${n}`, text: `message ${n}`, sentAt: n })
    }
    const held = remote.takeHeldChat()
    expect(held.map((message) => message.id)).toEqual(
      Array.from({ length: 50 }, (_, n) => `m${n + 2}`),
    )
    expect(remote.takeHeldChat()).toEqual([])
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

  describe('telling them how large we show their camera', () => {
    afterEach(() => {
      vi.useRealTimers()
    })

    /** A channel whose peer said hello (or not yet), recording what is sent. */
    function channel(ready: boolean): InCallChannel & { sent: unknown[] } {
      const sent: unknown[] = []
      return {
        ready,
        sent,
        send: (message: unknown) => sent.push(message) > 0,
        close: () => undefined,
      } as unknown as InCallChannel & { sent: unknown[] }
    }

    it('once their channel is ready, then on changes worth it, at most once per interval', () => {
      vi.useFakeTimers()
      const remote = new RemoteParticipant('u', 'U', undefined)
      const shown = (width: number, height: number) =>
        remote.camera.onShownSize?.({ width, height })
      const waiting = channel(false)
      remote.replaceChannel(waiting)
      shown(472, 265)
      expect(waiting.sent).toEqual([])
      // They said hello: the engine asks again and the size measured meanwhile goes out.
      const ready = channel(true)
      remote.replaceChannel(ready)
      remote.tellShownSize()
      expect(ready.sent).toEqual([{ kind: 'view', width: 472, height: 265 }])
      // A pixel of layout is not worth a message.
      shown(476, 268)
      // A window dragged larger: only the latest size, once the interval is up.
      shown(600, 338)
      shown(944, 531)
      expect(ready.sent).toHaveLength(1)
      vi.advanceTimersByTime(SHOWN_SIZE_INTERVAL_MS)
      expect(ready.sent).toEqual([
        { kind: 'view', width: 472, height: 265 },
        { kind: 'view', width: 944, height: 531 },
      ])
      // A new link's channel is told afresh.
      const next = channel(true)
      remote.replaceChannel(next)
      vi.advanceTimersByTime(SHOWN_SIZE_INTERVAL_MS)
      remote.tellShownSize()
      expect(next.sent).toEqual([{ kind: 'view', width: 944, height: 531 }])
      remote.dispose()
    })
  })

  describe('grace after their signaling dropped', () => {
    afterEach(() => {
      vi.useRealTimers()
    })

    it('a working link is shown as reconnecting, with why, after a moment and until they are back', () => {
      vi.useFakeTimers()
      const remote = new RemoteParticipant('u', 'Ben', undefined)
      remote.link = workingLink()
      expect(remote.toView().link).toBe('connected')
      let expired = false
      let shown = 0
      remote.startGrace(
        20_000,
        () => (expired = true),
        () => shown++,
      )
      expect(remote.inGrace).toBe(true)
      expect(remote.toView().link).toBe('connected')
      vi.advanceTimersByTime(AWAY_SHOWN_AFTER_MS)
      expect(shown).toBe(1)
      const away = remote.toView()
      expect(away.link).toBe('recovering')
      expect(away.linkProblem).toEqual({ key: 'linkProblems.serverLost', values: { name: 'Ben' } })
      // Unchanged, the view is the same object (the phrase is not made anew).
      expect(remote.toView()).toBe(away)
      vi.advanceTimersByTime(10_000)
      remote.cancelGrace()
      expect(remote.toView().link).toBe('connected')
      expect(remote.toView().linkProblem).toBeNull()
      vi.advanceTimersByTime(20_000)
      expect(expired).toBe(false)
    })

    it('runs out once, however often it is started', () => {
      vi.useFakeTimers()
      const remote = new RemoteParticipant('u', 'Ben', undefined)
      let expired = 0
      let shown = 0
      remote.startGrace(
        20_000,
        () => expired++,
        () => shown++,
      )
      vi.advanceTimersByTime(15_000)
      // A second participantLeft does not extend it, nor show it again.
      remote.startGrace(
        20_000,
        () => expired++,
        () => shown++,
      )
      vi.advanceTimersByTime(5_000)
      expect(expired).toBe(1)
      expect(shown).toBe(1)
    })

    it('a short absence (a socket renewed before its token expired) shows nothing at all', () => {
      vi.useFakeTimers()
      const remote = new RemoteParticipant('u', 'Ben', undefined)
      remote.link = workingLink()
      const before = remote.toView()
      let shown = 0
      remote.startGrace(
        20_000,
        () => undefined,
        () => shown++,
      )
      vi.advanceTimersByTime(AWAY_SHOWN_AFTER_MS - 1)
      expect(remote.toView()).toBe(before)
      remote.cancelGrace()
      vi.advanceTimersByTime(AWAY_SHOWN_AFTER_MS)
      expect(shown).toBe(0)
      expect(remote.toView()).toBe(before)
      expect(remote.inGrace).toBe(false)
    })
  })
})

describe('the link on our rejoin', () => {
  /** A link as the rejoin sees it: negotiated and alive (worth keeping), or not. */
  function linkWorthKeeping(worthKeeping: boolean): PeerLink {
    return { ...workingLink(), worthKeeping } as unknown as PeerLink
  }

  it('a link that lives is kept when our socket was only lost (a server restart, a network drop)', () => {
    const remote = new RemoteParticipant('u', 'Ben', undefined)
    remote.link = linkWorthKeeping(true)
    expect(remote.keepsLinkOnRejoin()).toBe(true)
  })

  it('a link that no longer lives is never kept', () => {
    const remote = new RemoteParticipant('u', 'Ben', undefined)
    expect(remote.keepsLinkOnRejoin()).toBe(false)
    remote.link = linkWorthKeeping(false)
    expect(remote.keepsLinkOnRejoin()).toBe(false)
  })

  it('the server closed our socket while they were in the call: they heard us leave, and get a fresh offer', () => {
    const remote = new RemoteParticipant('u', 'Ben', undefined)
    remote.link = linkWorthKeeping(true)
    remote.serverClosedOurSocket()
    expect(remote.keepsLinkOnRejoin()).toBe(false)
  })

  it('the server closed our socket, and they are a Parley: it keeps its link through the leave, so do we', () => {
    const remote = new RemoteParticipant('u', 'Ben', undefined)
    remote.link = linkWorthKeeping(true)
    remote.messaging = 'ready'
    remote.serverClosedOurSocket()
    expect(remote.keepsLinkOnRejoin()).toBe(true)
  })

  it('the server closed our socket while theirs was away: nothing reached them, the link is kept', () => {
    const remote = new RemoteParticipant('u', 'Ben', undefined)
    remote.link = linkWorthKeeping(true)
    remote.startGrace(
      20_000,
      () => undefined,
      () => undefined,
    )
    remote.serverClosedOurSocket()
    remote.cancelGrace()
    expect(remote.keepsLinkOnRejoin()).toBe(true)
  })

  it('what they heard is settled by the rejoin that answers it: later rejoins keep the link again', () => {
    const remote = new RemoteParticipant('u', 'Ben', undefined)
    remote.link = linkWorthKeeping(true)
    remote.serverClosedOurSocket()
    remote.weRejoined()
    expect(remote.keepsLinkOnRejoin()).toBe(true)
  })
})

describe('keepThroughGrace', () => {
  it('a real leave goes at once, a dropped socket stays, no reason stays only if media flows', () => {
    expect(keepThroughGrace('left', true)).toBe(false)
    expect(keepThroughGrace('disconnected', false)).toBe(true)
    expect(keepThroughGrace(undefined, true)).toBe(true)
    expect(keepThroughGrace(undefined, false)).toBe(false)
  })
})
