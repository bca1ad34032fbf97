/**
 * The recovery decisions as one PeerLink carries them out, on the mock RTCPeerConnection: a
 * restart offer lost in a dead socket goes again (the same offer, never rolled back), a link that
 * goes quiet has signaling checked at once, and a new local address restarts ICE.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PeerLink } from '../../../../src/renderer/src/engine/peer-link'
import { RemoteParticipant } from '../../../../src/renderer/src/engine/remote-participant'
import { MockRTCPeerConnection, MockTrack, installMockWebRtc } from './mock-rtc'
import chromiumPlainAnswerToParley from './fixtures/chromium-plain-answer-to-parley.sdp?raw'

interface Harness {
  link: PeerLink
  pc: MockRTCPeerConnection
  offers: string[]
  /** Signaling is up; `delivers` false is a socket that looks up but loses what it sends. */
  signaling: { up: boolean; delivers: boolean }
  verifications: number
}

const open: PeerLink[] = []

function makeLink(selfId: string, remoteId: string): Harness {
  const offers: string[] = []
  const signaling = { up: true, delivers: true }
  const counters = { verifications: 0 }
  const deliver = (into: string[], value: string): boolean => {
    if (!signaling.up) return false
    if (signaling.delivers) into.push(value)
    return true
  }
  const link = new PeerLink({
    selfId,
    remoteId,
    rtcConfig: {
      iceServers: [],
      iceTransportPolicy: 'all',
      maxParticipants: null,
      expiresAt: null,
    },
    tracks: {
      audio: new MockTrack('audio') as unknown as MediaStreamTrack,
      camera: new MockTrack('video') as unknown as MediaStreamTrack,
      screen: null,
    },
    signal: {
      offer: (sdp) => deliver(offers, sdp),
      answer: () => signaling.up,
      candidate: () => signaling.up,
      isUp: () => signaling.up,
      verifySignaling: () => counters.verifications++,
    },
    onChange: () => undefined,
    onNegotiated: () => undefined,
    canRebuild: () => false,
    onRebuild: () => undefined,
  })
  open.push(link)
  const pc = MockRTCPeerConnection.instances.at(-1)
  if (!pc) throw new Error('PeerLink made no RTCPeerConnection')
  return {
    link,
    pc,
    offers,
    signaling,
    get verifications() {
      return counters.verifications
    },
  }
}

const settle = (ms = 0): Promise<void> => vi.advanceTimersByTimeAsync(ms).then(() => undefined)
const ufrag = (sdp: string | undefined): string | undefined =>
  /^a=ice-ufrag:(\S+)/m.exec(sdp ?? '')?.[1]

/** An offerer whose first offer was answered and whose link connected. */
async function connected(selfId: string, remoteId: string): Promise<Harness> {
  const h = makeLink(selfId, remoteId)
  h.link.start('offerer')
  await settle()
  await h.link.handleDescription({ type: 'answer', sdp: chromiumPlainAnswerToParley })
  h.pc.setConnectionState('connected')
  await settle()
  return h
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
  installMockWebRtc()
})

afterEach(() => {
  for (const link of open.splice(0)) link.close()
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('a restart offer lost in a dead socket', () => {
  it('is sent again, the same offer, when signaling is back: never rolled back', async () => {
    // 'b' > 'a': the impolite side, which restarts at once.
    const h = await connected('b', 'a')
    const firstUfrag = ufrag(h.offers[0])
    // The uplink died: the socket still looks connected, but what it sends is lost.
    h.signaling.delivers = false
    h.pc.setConnectionState('failed')
    await settle()
    expect(h.pc.restartCount).toBe(1)
    expect(h.pc.signalingState).toBe('have-local-offer')
    const restartOffer = h.pc.localDescription?.sdp
    expect(ufrag(restartOffer)).not.toBe(firstUfrag)
    expect(h.offers).toHaveLength(1)
    // The socket reconnected and the call rejoined: the link resumes.
    h.signaling.delivers = true
    h.link.resume()
    await settle()
    expect(h.offers).toHaveLength(2)
    expect(h.offers[1]).toBe(restartOffer)
    expect(h.pc.rollbacks).toBe(0)
    // It restarted ICE already: no second restart is queued behind it.
    expect(h.pc.restartCount).toBe(1)
  })

  it('is sent again by the re-send ladder if nothing else happens', async () => {
    const h = await connected('b', 'a')
    h.signaling.delivers = false
    h.pc.setConnectionState('failed')
    await settle()
    const restartOffer = h.pc.localDescription?.sdp
    h.signaling.delivers = true
    await settle(5_500)
    expect(h.offers.at(-1)).toBe(restartOffer)
    expect(h.pc.rollbacks).toBe(0)
  })

  it('an offer that restarts nothing is sent again, and the restart follows the answer', async () => {
    const h = makeLink('b', 'a')
    h.link.start('offerer')
    await settle()
    await h.link.handleDescription({ type: 'answer', sdp: chromiumPlainAnswerToParley })
    h.pc.setConnectionState('connected')
    await settle()
    // A renegotiation (no ICE restart in it) goes out and is lost.
    h.signaling.delivers = false
    h.pc.restartIce() // stands in for any change that needs an offer: the mock's only trigger
    h.pc.restartCount = 0
    await settle()
    expect(h.pc.signalingState).toBe('have-local-offer')
    // The mock marks a restart offer by a new ufrag: make this one look like a plain one.
    const pending = h.pc.localDescription
    if (!pending) throw new Error('no pending offer')
    const plain = pending.sdp.replace(
      /^a=ice-ufrag:\S+/gm,
      `a=ice-ufrag:${ufrag(h.pc.currentLocalDescription?.sdp) ?? ''}`,
    )
    h.pc.localDescription = { type: 'offer', sdp: plain }
    const offersBefore = h.offers.length
    h.signaling.delivers = true
    h.pc.setConnectionState('failed')
    await settle()
    // The browser was asked to restart on the next offer, made once this one is answered.
    expect(h.pc.restartCount).toBe(1)
    // As far as this side knows the offer is on its way on the connection it went out on.
    expect(h.offers).toHaveLength(offersBefore)
    // The socket reconnected and the call rejoined: the offer goes again, still not rolled back.
    h.link.resume()
    await settle()
    expect(h.offers.at(-1)).toBe(plain)
    expect(h.offers).toHaveLength(offersBefore + 1)
    expect(h.pc.rollbacks).toBe(0)
  })
})

describe('a restart asked for while our last offer is on its way', () => {
  /** Connected, then failed: the restart offer went out, and the remote has not answered yet. */
  async function restartOfferUnanswered(): Promise<Harness> {
    const h = await connected('b', 'a')
    h.pc.gather('candidate:1 1 udp 2122260223 198.51.100.2 50000 typ host generation 0')
    h.pc.gather(null)
    h.pc.setConnectionState('failed')
    await settle()
    expect(h.pc.restartCount).toBe(1)
    expect(h.pc.signalingState).toBe('have-local-offer')
    expect(h.offers).toHaveLength(2)
    return h
  }

  it('does not send the same offer twice on one connection: a plain client would fail to answer the second', async () => {
    const h = await restartOfferUnanswered()
    // Cellular is listed while the remote is still answering: its candidates trickle with the offer.
    h.pc.gather('candidate:2 1 udp 2122260223 203.0.113.66 50004 typ host generation 0')
    h.link.networkChanged()
    await settle()
    expect(h.offers).toHaveLength(2)
    expect(h.pc.restartCount).toBe(1)
    // The answer comes: nothing more to send.
    await h.link.handleDescription({ type: 'answer', sdp: chromiumPlainAnswerToParley })
    await settle()
    expect(h.offers).toHaveLength(2)
  })

  it('still sends it again once the re-send wait is over without an answer', async () => {
    const h = await restartOfferUnanswered()
    h.pc.gather('candidate:2 1 udp 2122260223 203.0.113.66 50004 typ host generation 0')
    await settle(4_000)
    expect(h.offers).toHaveLength(2)
    await settle(1_500)
    expect(h.offers).toHaveLength(3)
    expect(h.offers[2]).toBe(h.offers[1])
  })
})

describe('a link that goes quiet', () => {
  it('has signaling checked at once when ICE disconnects', async () => {
    const h = await connected('a', 'b')
    expect(h.verifications).toBe(0)
    h.pc.setConnectionState('disconnected')
    expect(h.verifications).toBe(1)
  })

  it('has signaling checked after its first second without anything arriving', async () => {
    const h = await connected('a', 'b')
    h.pc.receivedBytes = 1_000
    await settle(1_000)
    expect(h.verifications).toBe(0)
    // Nothing new arrives from here on: two quiet looks are enough to ask, not to call it stalled.
    await settle(500)
    expect(h.verifications).toBe(1)
    expect(h.link.link).toBe('connected')
  })
})

describe('a new local address', () => {
  it('restarts ICE on a healthy link; the addresses of the first round do not', async () => {
    const h = await connected('a', 'b')
    h.pc.gather('candidate:1 1 udp 2122260223 198.51.100.2 50000 typ host generation 0')
    h.pc.gather('candidate:2 1 tcp 1518280447 198.51.100.2 9 typ host tcptype active')
    h.pc.gather(null)
    await settle()
    expect(h.pc.restartCount).toBe(0)
    // The same address again (a restart gathers it anew): nothing new.
    h.pc.gather('candidate:3 1 udp 2122260223 198.51.100.2 50002 typ host generation 0')
    await settle()
    expect(h.pc.restartCount).toBe(0)
    // A relay says nothing of our interfaces.
    h.pc.gather('candidate:4 1 udp 41885439 192.0.2.7 3478 typ relay raddr 0.0.0.0 rport 0')
    await settle()
    expect(h.pc.restartCount).toBe(0)
    // Cellular came up next to Wi-Fi.
    const offersBefore = h.offers.length
    h.pc.gather('candidate:5 1 udp 2122260223 203.0.113.66 50004 typ host generation 0')
    await settle()
    expect(h.pc.restartCount).toBe(1)
    expect(h.offers).toHaveLength(offersBefore + 1)
    expect(ufrag(h.offers.at(-1))).not.toBe(ufrag(h.offers[0]))
  })

  it('with signaling down, the restart offer goes once signaling is back', async () => {
    const h = await connected('a', 'b')
    h.pc.gather('candidate:1 1 udp 2122260223 198.51.100.2 50000 typ host generation 0')
    h.pc.gather(null)
    h.signaling.up = false
    h.pc.gather('candidate:2 1 udp 2122260223 203.0.113.66 50004 typ host generation 0')
    await settle()
    const offersBefore = h.offers.length
    h.signaling.up = true
    h.link.resume()
    await settle()
    expect(h.offers).toHaveLength(offersBefore + 1)
    expect(ufrag(h.offers.at(-1))).not.toBe(ufrag(h.offers[0]))
  })
})

describe('a restart before the browser sees the new network', () => {
  const wifi = 'candidate:1 1 udp 2122260223 198.51.100.2 50000 typ host generation 0'
  const cellular = 'candidate:2 1 udp 2122260223 203.0.113.66 50004 typ host generation 0'

  /**
   * On Wi-Fi, healthy; then Wi-Fi went and signaling came back over cellular (our rejoin), or the
   * remote came back from elsewhere (theirs), and the link restarted once.
   */
  async function rejoinedAfterSwitch(whose: 'ours' | 'theirs' = 'ours'): Promise<Harness> {
    const h = await connected('a', 'b')
    h.pc.gather(wifi)
    h.pc.gather(null)
    h.pc.setConnectionState('failed')
    if (whose === 'ours') h.link.resume()
    else h.link.remoteRejoined()
    await settle()
    expect(h.pc.restartCount).toBe(1)
    await h.link.handleDescription({ type: 'answer', sdp: chromiumPlainAnswerToParley })
    return h
  }

  /**
   * The rejoin's restart gathered on Wi-Fi alone (the browser has not listed cellular yet), and
   * the ladder's next rung (2 s) came and went without restarting again into the same nothing.
   */
  async function heldAfterEmptyRound(): Promise<Harness> {
    const h = await rejoinedAfterSwitch()
    h.pc.gather(wifi)
    h.pc.gather(null)
    await settle(2_500)
    expect(h.pc.restartCount).toBe(1)
    return h
  }

  it('waits for the new address instead of restarting blind, then restarts at once', async () => {
    const h = await heldAfterEmptyRound()
    // The browser lists cellular and gathers on it: the restart goes now.
    const offersBefore = h.offers.length
    h.pc.gather(cellular)
    await settle()
    expect(h.pc.restartCount).toBe(2)
    expect(h.offers).toHaveLength(offersBefore + 1)
  })

  it('goes on up the ladder when no new address comes', async () => {
    const h = await heldAfterEmptyRound()
    // The same network came back, with no new address: the wait is bounded.
    await settle(1_000)
    expect(h.pc.restartCount).toBe(2)
  })

  it('does not wait when it was the remote who came back from elsewhere', async () => {
    // Their rejoin: a restart from this side too, on this side's unchanged addresses.
    const h = await rejoinedAfterSwitch('theirs')
    h.pc.gather(wifi)
    h.pc.gather(null)
    // Nothing of ours is about to change: the ladder's next rung comes on time.
    await settle(2_100)
    expect(h.pc.restartCount).toBe(2)
  })

  it('restarts on the ladder as before when the round gathered on a new address', async () => {
    const h = await rejoinedAfterSwitch()
    h.pc.gather(wifi)
    // Cellular is listed already: a restart at once, and its round is not an empty one.
    h.pc.gather(cellular)
    expect(h.pc.restartCount).toBe(2)
    h.pc.gather(null)
    await settle()
    await h.link.handleDescription({ type: 'answer', sdp: chromiumPlainAnswerToParley })
    // Not carrying media yet two seconds on: the ladder restarts again, as it always did.
    await settle(2_100)
    expect(h.pc.restartCount).toBe(3)
  })
})

describe('a network change learned before the link notices', () => {
  it('makes the polite side restart at once when the link then goes down', async () => {
    const h = await connected('a', 'b')
    // The browser came back online while the link still looked fine.
    h.link.networkChanged()
    expect(h.pc.restartCount).toBe(0)
    h.pc.setConnectionState('failed')
    await settle()
    expect(h.pc.restartCount).toBe(1)
  })

  it('is forgotten after a while: then the polite side leaves the first rung to the other', async () => {
    const h = await connected('a', 'b')
    const start = Date.now()
    const clock = vi.spyOn(Date, 'now').mockReturnValue(start)
    h.link.networkChanged()
    clock.mockReturnValue(start + 11_000)
    h.pc.setConnectionState('failed')
    await settle()
    expect(h.pc.restartCount).toBe(0)
  })
})

describe('no role deadlocks', () => {
  it('the polite side without a rebuild left keeps restarting ICE itself', async () => {
    const h = await connected('a', 'b')
    h.pc.setConnectionState('failed')
    expect(h.pc.restartCount).toBe(0)
    // Each rung restarts from this side; the remote answers, but the path stays dead.
    for (const [wait, restarts] of [
      [2_100, 1],
      [4_100, 2],
      [8_100, 3],
    ] as const) {
      await settle(wait)
      expect(h.pc.restartCount).toBe(restarts)
      await h.link.handleDescription({ type: 'answer', sdp: chromiumPlainAnswerToParley })
    }
    expect(h.link.link).toBe('recovering')
  })

  it('a rejoin gives back the rebuild budget spent before it', () => {
    const remote = new RemoteParticipant('b', 'Ben', undefined)
    while (remote.canRebuild) remote.countRebuild()
    expect(remote.canRebuild).toBe(false)
    remote.resetBudget()
    expect(remote.canRebuild).toBe(true)
  })
})
