import { describe, expect, it } from 'vitest'
import {
  InCallChannel,
  RATE_BURST,
  RATE_PER_SECOND,
  type DataChannelLike,
  type PeerMessage,
} from '../../../../src/renderer/src/engine/in-call-channel'
import { MAX_IN_CALL_MESSAGE_BYTES } from '../../../../src/shared/in-call-messages'

class FakeChannel implements DataChannelLike {
  readyState: RTCDataChannelState = 'connecting'
  bufferedAmount = 0
  sent: string[] = []
  onopen: ((event: Event) => void) | null = null
  onclose: ((event: Event) => void) | null = null
  onmessage: ((event: MessageEvent) => void) | null = null
  send(data: string): void {
    this.sent.push(data)
  }
  close(): void {
    this.readyState = 'closed'
  }
  open(): void {
    this.readyState = 'open'
    this.onopen?.(new Event('open'))
  }
  deliver(data: unknown): void {
    this.onmessage?.({ data } as MessageEvent)
  }
}

function setup(): {
  fake: FakeChannel
  channel: InCallChannel
  received: PeerMessage[]
  readies: number[]
  clock: { now: number }
} {
  const fake = new FakeChannel()
  const received: PeerMessage[] = []
  const readies: number[] = []
  const clock = { now: 1_000 }
  const channel = new InCallChannel(
    fake,
    {
      onReady: () => readies.push(clock.now),
      onMessage: (message) => received.push(message),
      onClosed: () => undefined,
    },
    () => clock.now,
  )
  return { fake, channel, received, readies, clock }
}

const hello = JSON.stringify({ kind: 'hello', v: 1, app: 'parley' })
const chat = (id: string): string => JSON.stringify({ kind: 'chat', id, text: 'hi', sentAt: 1 })

describe('InCallChannel', () => {
  it('says hello when it opens and is ready once the peer says hello', () => {
    const { fake, channel, readies } = setup()
    expect(fake.sent).toEqual([])
    fake.open()
    expect(JSON.parse(fake.sent[0] ?? '')).toEqual({ kind: 'hello', v: 1, app: 'parley' })
    expect(channel.ready).toBe(false)
    fake.deliver(hello)
    fake.deliver(hello)
    expect(channel.ready).toBe(true)
    expect(readies).toHaveLength(1)
  })

  it('trusts nothing from a peer that has not said hello', () => {
    const { fake, channel, received } = setup()
    fake.open()
    fake.deliver(chat('a'))
    expect(received).toEqual([])
    expect(channel.dropped).toBe(1)
    fake.deliver(hello)
    fake.deliver(chat('b'))
    expect(received.map((m) => m.kind === 'chat' && m.id)).toEqual(['b'])
  })

  it('limits each peer to a burst and then a steady rate', () => {
    const { fake, received, clock } = setup()
    fake.open()
    fake.deliver(hello)
    for (let i = 0; i < RATE_BURST * 3; i++) fake.deliver(chat(`m${i}`))
    expect(received).toHaveLength(RATE_BURST - 1)
    clock.now += 1_000
    for (let i = 0; i < RATE_BURST; i++) fake.deliver(chat(`n${i}`))
    expect(received).toHaveLength(RATE_BURST - 1 + RATE_PER_SECOND)
  })

  it('does not send what breaks the limits, nor into a peer that stopped reading', () => {
    const { fake, channel } = setup()
    expect(channel.send({ kind: 'recording', active: true })).toBe(false)
    fake.open()
    expect(channel.send({ kind: 'recording', active: true })).toBe(true)
    expect(channel.send({ kind: 'reaction', emoji: 'nope' as never })).toBe(false)
    fake.bufferedAmount = 10 * 1024 * 1024
    expect(channel.send({ kind: 'recording', active: false })).toBe(false)
  })

  it('survives a fuzzed stream of malformed and oversized messages and still works after', () => {
    const { fake, channel, received, clock } = setup()
    fake.open()
    fake.deliver(hello)
    let seed = 42
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed / 2 ** 31
    }
    const pieces = [
      '{',
      '}',
      '"kind"',
      ':',
      '"chat"',
      '"hand"',
      '[',
      ']',
      'null',
      '1e309',
      ',',
      '"',
    ]
    const shapes: (() => unknown)[] = [
      () =>
        Array.from(
          { length: Math.floor(random() * 40) },
          () => pieces[Math.floor(random() * pieces.length)],
        ).join(''),
      () => 'x'.repeat(MAX_IN_CALL_MESSAGE_BYTES + 1 + Math.floor(random() * 100_000)),
      () => JSON.stringify({ kind: 'chat', id: 'x', text: 'y'.repeat(5_000), sentAt: 1 }),
      () => JSON.stringify({ kind: 'hand', raised: random() > 0.5 ? 'up' : null, at: 'now' }),
      () => JSON.stringify({ kind: 'reaction', emoji: '<img src=x onerror=alert(1)>' }),
      () => JSON.stringify({ kind: 'chat', __proto__: { polluted: true }, id: {}, text: [] }),
      () => JSON.stringify({ kind: 'unknown-' + random(), payload: random() }),
      () => new Uint8Array(Math.floor(random() * 70_000)).buffer,
      () => undefined,
      () => ({ kind: 'chat', id: 'obj', text: 'an object, not text', sentAt: 1 }),
    ]
    for (let i = 0; i < 2_000; i++) {
      clock.now += 250
      const shape = shapes[Math.floor(random() * shapes.length)]
      expect(() => fake.deliver(shape?.())).not.toThrow()
    }
    expect(received).toEqual([])
    expect(channel.dropped).toBeGreaterThan(0)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    clock.now += 10_000
    fake.deliver(chat('after'))
    expect(received).toHaveLength(1)
  })
})
