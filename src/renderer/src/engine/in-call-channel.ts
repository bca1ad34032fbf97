/**
 * One peer's end of the "parley" data channel: says hello when it opens, then reads every message
 * through the shared schemas, within a size bound and a per-peer rate limit, before handing it to
 * the engine. Nothing a peer sends can throw out of here: bad messages are counted and dropped.
 */
import {
  IN_CALL_PROTOCOL_VERSION,
  encodeInCallMessage,
  parseInCallMessage,
  type InCallMessage,
} from '../../../shared/in-call-messages'

/** The part of RTCDataChannel this module uses, so tests can hand it a fake. */
export interface DataChannelLike {
  readonly readyState: RTCDataChannelState
  readonly bufferedAmount: number
  send(data: string): void
  close(): void
  onopen: ((event: Event) => void) | null
  onclose: ((event: Event) => void) | null
  onmessage: ((event: MessageEvent) => void) | null
}

/** Messages a peer may send in a burst, then this many per second. */
export const RATE_BURST = 20
export const RATE_PER_SECOND = 5
/** Beyond this much unsent data the peer is not reading: our message is dropped, not queued. */
const MAX_BUFFERED_BYTES = 256 * 1024
const APP_NAME = 'parley'

/** Other kinds than hello, once the peer said hello. */
export type PeerMessage = Exclude<InCallMessage, { kind: 'hello' }>

export interface InCallChannelEvents {
  /** The peer said hello: it is a Parley that reads our messages. */
  onReady(): void
  onMessage(message: PeerMessage): void
  onClosed(): void
}

export class InCallChannel {
  /** The peer said hello on this channel. */
  ready = false
  /** Messages dropped: malformed, oversized, over the rate limit or before hello. */
  dropped = 0
  private tokens = RATE_BURST
  private lastRefill: number
  private closed = false

  constructor(
    private readonly channel: DataChannelLike,
    private readonly events: InCallChannelEvents,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.lastRefill = now()
    channel.onopen = () => this.send({ kind: 'hello', v: IN_CALL_PROTOCOL_VERSION, app: APP_NAME })
    channel.onmessage = (event) => this.receive(event.data)
    channel.onclose = () => this.onClose()
    if (channel.readyState === 'open') {
      this.send({ kind: 'hello', v: IN_CALL_PROTOCOL_VERSION, app: APP_NAME })
    }
  }

  /** False when it could not go out (not open, over the limits, or the peer is not reading). */
  send(message: InCallMessage): boolean {
    if (this.closed || this.channel.readyState !== 'open') return false
    if (this.channel.bufferedAmount > MAX_BUFFERED_BYTES) return false
    const text = encodeInCallMessage(message)
    if (text === null) return false
    try {
      this.channel.send(text)
      return true
    } catch {
      // The channel closed between the check and the send; onclose follows.
      return false
    }
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.channel.onopen = null
    this.channel.onmessage = null
    this.channel.onclose = null
    this.channel.close()
  }

  private receive(data: unknown): void {
    if (this.closed) return
    if (!this.takeToken()) {
      this.dropped++
      return
    }
    const parsed = parseInCallMessage(data)
    if (!parsed.ok) {
      if (!parsed.ignored) this.dropped++
      return
    }
    const message = parsed.message
    if (message.kind === 'hello') {
      if (!this.ready) {
        this.ready = true
        this.events.onReady()
      }
      return
    }
    // A peer that never said hello does not speak our version: nothing it sends is trusted.
    if (!this.ready) {
      this.dropped++
      return
    }
    this.events.onMessage(message)
  }

  private takeToken(): boolean {
    const now = this.now()
    const elapsed = Math.max(0, now - this.lastRefill) / 1000
    this.tokens = Math.min(RATE_BURST, this.tokens + elapsed * RATE_PER_SECOND)
    this.lastRefill = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  private onClose(): void {
    if (this.closed) return
    this.closed = true
    this.ready = false
    this.events.onClosed()
  }
}
