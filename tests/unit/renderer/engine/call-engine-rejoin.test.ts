/**
 * The engine's rejoin after its socket went down mid-call: which links to the people its new
 * rtc:callStarted lists are kept, and which are replaced by a fresh connection that offers. A
 * server that closed our socket itself told everyone in the call that we left (PROTOCOL.md), and a
 * client written from it closes its connection to us on that: they get an offer from a new
 * connection. A socket that was only lost (a server restart, a network drop) keeps every link that
 * still works. socket.io-client is replaced by a stand-in the test plays the server through, the
 * browser's WebRTC by the mock RTCPeerConnection.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { sdpSessionId } from '../../../../src/renderer/src/engine/peer-link'
import { MockRTCPeerConnection } from './mock-rtc'
import {
  answerAsRemote,
  bridge,
  engines,
  installEngineGlobals,
  joinWithOthers,
  CALL,
  person,
  restoreEngineGlobals,
  session,
  settle,
  socket,
} from './engine-harness'

vi.mock('socket.io-client', async () => (await import('./engine-harness')).fakeSocketIo)

const { CallEngineImpl } = await import('../../../../src/renderer/src/engine/call-engine')

const SELF = session.user.id

beforeEach(() => {
  installEngineGlobals({})
})

afterEach(restoreEngineGlobals)

/** The offers the engine sent to `userId`, by the session id of the connection that made each. */
function offerSessionsTo(userId: string): (string | null)[] {
  return socket()
    .sent.filter(
      (sent) =>
        sent.event === 'rtc:offer' && (sent.payload as { toUserId: string }).toUserId === userId,
    )
    .map((sent) => sdpSessionId((sent.payload as { sdp: string }).sdp))
}

/** Alice joins a call where Ben (and whoever else) already is; her links to them connect. */
async function inCallWith(...others: string[]): Promise<InstanceType<typeof CallEngineImpl>> {
  const engine = new CallEngineImpl({ bridge, session })
  engines.push(engine)
  await joinWithOthers(engine, others.map(person))
  // Renders wait a moment for a first frame (none comes here, so the whole bound); well before a
  // link would be taken for stalled for want of received media.
  await settle(900)
  expect(engine.getState().participants.map((p) => p.link)).toEqual(others.map(() => 'connected'))
  return engine
}

/** The socket comes back (at once after a server's close) and the join is answered. */
async function rejoin(participants: string[]): Promise<void> {
  if (!socket().connected) socket().connect()
  await settle()
  expect(socket().sent.at(-1)?.event).toBe('rtc:joinCall')
  socket().fire('rtc:callStarted', { callId: CALL, participants: participants.map(person) })
  await settle()
}

describe('links on a rejoin', () => {
  it('the server closed our socket: everyone it lists gets an offer from a new connection', async () => {
    await inCallWith('ben')
    const [first] = offerSessionsTo('ben')
    const before = MockRTCPeerConnection.instances[0]

    socket().down('io server disconnect')
    await rejoin([SELF, 'ben'])

    expect(before?.closed).toBe(true)
    expect(MockRTCPeerConnection.instances).toHaveLength(2)
    const sessions = offerSessionsTo('ben')
    expect(sessions).toHaveLength(2)
    expect(sessions[1]).not.toBe(first)
  })

  it('the socket was only lost (a server restart, a network drop): a working link is kept', async () => {
    await inCallWith('ben')

    socket().down('transport close')
    await rejoin([SELF, 'ben'])

    expect(MockRTCPeerConnection.instances).toHaveLength(1)
    expect(MockRTCPeerConnection.instances[0]?.closed).toBe(false)
    expect(offerSessionsTo('ben')).toHaveLength(1)
  })

  it('someone away when the server closed our socket heard nothing of it: their link is kept', async () => {
    await inCallWith('ben', 'cat')
    // Cat's signaling dropped a moment before ours was closed: the server could not tell her.
    socket().fire('rtc:participantLeft', { callId: CALL, userId: 'cat', reason: 'disconnected' })
    await settle()

    socket().down('io server disconnect')
    await rejoin([SELF, 'ben', 'cat'])

    const [toBen, toCat] = MockRTCPeerConnection.instances
    expect(toBen?.closed).toBe(true)
    expect(toCat?.closed).toBe(false)
    expect(offerSessionsTo('ben')).toHaveLength(2)
    expect(offerSessionsTo('cat')).toHaveLength(1)
  })

  it('after the rejoin that answered a close, a later lost socket keeps the links again', async () => {
    await inCallWith('ben')
    socket().down('io server disconnect')
    await rejoin([SELF, 'ben'])
    const fresh = MockRTCPeerConnection.instances[1]
    const offer = socket().sent.findLast((sent) => sent.event === 'rtc:offer')
    socket().fire('rtc:answer', {
      callId: CALL,
      fromUserId: 'ben',
      toUserId: SELF,
      sdp: await answerAsRemote((offer?.payload as { sdp: string }).sdp),
    })
    await settle()
    fresh?.setConnectionState('connected')
    await settle()

    socket().down('transport close')
    await rejoin([SELF, 'ben'])

    expect(MockRTCPeerConnection.instances).toHaveLength(2)
    expect(fresh?.closed).toBe(false)
  })
})
