import { describe, expect, it } from 'vitest'
import {
  MAX_CHAT_LENGTH,
  MAX_IN_CALL_MESSAGE_BYTES,
  MAX_VIEW_PIXELS,
  encodeInCallMessage,
  parseInCallMessage,
} from '../../../src/shared/in-call-messages'

const wire = (value: unknown): string => JSON.stringify(value)

describe('in-call message schemas', () => {
  it('reads every known kind', () => {
    for (const message of [
      { kind: 'hello', v: 1, app: 'parley' },
      { kind: 'chat', id: 'a1', text: 'hi <b>there</b>', sentAt: 1_700_000_000_000 },
      { kind: 'hand', raised: true, at: 5 },
      { kind: 'reaction', emoji: '👍' },
      { kind: 'recording', active: false },
      { kind: 'uplink', availableKbps: 240 },
      { kind: 'uplink', availableKbps: null },
      { kind: 'view', width: 472, height: 265 },
      { kind: 'view', width: 0, height: 0 },
    ]) {
      expect(parseInCallMessage(wire(message))).toEqual({ ok: true, message })
    }
  })

  it('ignores kinds from a newer version without calling them errors', () => {
    expect(parseInCallMessage(wire({ kind: 'poll', question: '?' }))).toEqual({
      ok: false,
      ignored: true,
    })
  })

  it('refuses what is not a message', () => {
    for (const data of [
      new ArrayBuffer(4),
      42,
      null,
      'not json',
      '[]',
      'null',
      '"chat"',
      wire({ text: 'no kind' }),
      wire({ kind: 7 }),
      wire({ kind: 'chat', id: 'a', text: '   ', sentAt: 1 }),
      wire({ kind: 'chat', id: '', text: 'x', sentAt: 1 }),
      wire({ kind: 'chat', id: 'a', text: 'x', sentAt: -1 }),
      wire({ kind: 'chat', id: 'a', text: 5, sentAt: 1 }),
      wire({ kind: 'hand', raised: 'yes', at: 1 }),
      wire({ kind: 'uplink', availableKbps: -1 }),
      wire({ kind: 'uplink', availableKbps: 'slow' }),
      wire({ kind: 'uplink', availableKbps: 1.5 }),
      wire({ kind: 'view', width: -1, height: 265 }),
      wire({ kind: 'view', width: 472.5, height: 265 }),
      wire({ kind: 'view', width: 472, height: MAX_VIEW_PIXELS + 1 }),
      wire({ kind: 'view', width: 472 }),
      wire({ kind: 'reaction', emoji: '<script>' }),
      wire({ kind: 'recording' }),
      wire({ kind: 'hello', v: 0, app: 'parley' }),
    ]) {
      const parsed = parseInCallMessage(data)
      expect(parsed.ok, String(data)).toBe(false)
      if (!parsed.ok) expect(parsed.ignored, String(data)).toBe(false)
    }
  })

  it('holds chat to its length and every message to its size', () => {
    const longest = { kind: 'chat', id: 'a', text: 'x'.repeat(MAX_CHAT_LENGTH), sentAt: 1 }
    expect(parseInCallMessage(wire(longest)).ok).toBe(true)
    const tooLong = { ...longest, text: 'x'.repeat(MAX_CHAT_LENGTH + 1) }
    expect(parseInCallMessage(wire(tooLong)).ok).toBe(false)
    // The longest chat in a three-byte script still fits the size bound.
    const wide = { ...longest, text: '語'.repeat(MAX_CHAT_LENGTH) }
    expect(encodeInCallMessage(wide as never)).not.toBeNull()
    expect(parseInCallMessage(encodeInCallMessage(wide as never)).ok).toBe(true)
    const oversized = wire({ kind: 'poll', padding: 'x'.repeat(MAX_IN_CALL_MESSAGE_BYTES) })
    expect(parseInCallMessage(oversized)).toEqual({
      ok: false,
      ignored: false,
      error: 'message too large',
    })
  })

  it('encodes only valid messages', () => {
    expect(encodeInCallMessage({ kind: 'reaction', emoji: '🎉' })).toBe(
      '{"kind":"reaction","emoji":"🎉"}',
    )
    expect(encodeInCallMessage({ kind: 'reaction', emoji: 'x' as never })).toBeNull()
    expect(
      encodeInCallMessage({
        kind: 'chat',
        id: 'a',
        text: 'x'.repeat(MAX_CHAT_LENGTH + 1),
        sentAt: 1,
      }),
    ).toBeNull()
  })
})
