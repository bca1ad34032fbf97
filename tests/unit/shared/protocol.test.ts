import { describe, expect, it } from 'vitest'
import {
  CALL_ID_PATTERN,
  ClientEvent,
  ERROR_CODES,
  MAX_SDP_BYTES,
  ServerEvent,
  authResponseSchema,
  callStartedSchema,
  candidateRequestSchema,
  joinCallSchema,
  loginRequestSchema,
  offerRequestSchema,
  pingSchema,
  rtcConfigResponseSchema,
  rtcErrorSchema,
  sdpText,
  serverInfoSchema,
  toggleMuteSchema,
} from '../../../src/shared/protocol'

describe('event names', () => {
  it('match PROTOCOL.md and are unique per direction', () => {
    expect(Object.values(ClientEvent).sort()).toEqual(
      [
        'rtc:answer',
        'rtc:candidate',
        'rtc:joinCall',
        'rtc:leaveCall',
        'rtc:offer',
        'rtc:ping',
        'rtc:toggleMute',
        'rtc:toggleScreenShare',
        'rtc:toggleVideo',
      ].sort(),
    )
    expect(new Set(Object.values(ServerEvent)).size).toBe(Object.values(ServerEvent).length)
    expect(ERROR_CODES).toEqual([
      'UNAUTHORIZED',
      'INVALID_PAYLOAD',
      'CALL_FULL',
      'NOT_IN_CALL',
      'PEER_NOT_FOUND',
      'RATE_LIMITED',
      'INTERNAL',
    ])
  })
})

describe('callId', () => {
  it.each(['a', 'A-b_9', 'x'.repeat(128)])('accepts %s', (callId) => {
    expect(CALL_ID_PATTERN.test(callId)).toBe(true)
    expect(joinCallSchema.safeParse({ callId }).success).toBe(true)
  })
  it.each(['', 'x'.repeat(129), 'a b', 'a/b', 'é', 'a\n'])('refuses %j', (callId) => {
    expect(joinCallSchema.safeParse({ callId }).success).toBe(false)
  })
})

describe('client payloads', () => {
  it('tolerates and strips unknown fields', () => {
    const parsed = toggleMuteSchema.parse({ callId: 'c', muted: true, extra: 1 })
    expect(parsed).toEqual({ callId: 'c', muted: true })
  })

  it('limits SDP to 64 KiB of UTF-8 and accepts both SDP forms', () => {
    const base = { callId: 'c', toUserId: 'u' }
    expect(offerRequestSchema.safeParse({ ...base, sdp: 'x'.repeat(MAX_SDP_BYTES) }).success).toBe(
      true,
    )
    expect(
      offerRequestSchema.safeParse({ ...base, sdp: 'x'.repeat(MAX_SDP_BYTES + 1) }).success,
    ).toBe(false)
    // Two UTF-8 bytes per character: half as many characters fit.
    expect(
      offerRequestSchema.safeParse({ ...base, sdp: 'é'.repeat(MAX_SDP_BYTES / 2) }).success,
    ).toBe(true)
    expect(
      offerRequestSchema.safeParse({ ...base, sdp: 'é'.repeat(MAX_SDP_BYTES / 2 + 1) }).success,
    ).toBe(false)
    // Surrogate pairs count as four bytes.
    expect(
      offerRequestSchema.safeParse({ ...base, sdp: '😀'.repeat(MAX_SDP_BYTES / 4) }).success,
    ).toBe(true)
    expect(
      offerRequestSchema.safeParse({ ...base, sdp: '😀'.repeat(MAX_SDP_BYTES / 4 + 1) }).success,
    ).toBe(false)
    const object = offerRequestSchema.parse({ ...base, sdp: { type: 'offer', sdp: 'v=0' } })
    expect(sdpText(object.sdp)).toBe('v=0')
    expect(sdpText('v=1')).toBe('v=1')
    expect(
      offerRequestSchema.safeParse({ ...base, sdp: { type: 'nope', sdp: 'v=0' } }).success,
    ).toBe(false)
    expect(offerRequestSchema.safeParse({ ...base, sdp: '' }).success).toBe(false)
  })

  it('validates candidates', () => {
    const base = { callId: 'c', toUserId: 'u' }
    expect(
      candidateRequestSchema.safeParse({ ...base, candidate: { candidate: '' } }).success,
    ).toBe(true)
    expect(
      candidateRequestSchema.safeParse({
        ...base,
        candidate: {
          candidate: 'candidate:1',
          sdpMid: null,
          sdpMLineIndex: null,
          usernameFragment: null,
        },
      }).success,
    ).toBe(true)
    // What other clients send: a bare candidate line, the end of candidates as null, "" or an
    // object without a line, and an index without a mid.
    for (const candidate of [
      'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host',
      '',
      null,
      {},
      { candidate: 'candidate:1', sdpMLineIndex: 0 },
    ]) {
      expect(candidateRequestSchema.safeParse({ ...base, candidate }).success).toBe(true)
    }
    for (const candidate of [
      undefined,
      42,
      'x'.repeat(4097),
      { candidate: 1 },
      { candidate: '', sdpMLineIndex: 1.5 },
      { candidate: 'candidate:1', sdpMid: 7 },
    ]) {
      expect(candidateRequestSchema.safeParse({ ...base, candidate }).success).toBe(false)
    }
  })

  it('takes any object as a ping, not other values', () => {
    expect(pingSchema.safeParse({ a: 1 }).success).toBe(true)
    expect(pingSchema.safeParse({}).success).toBe(true)
    for (const value of ['x', 1, null, undefined])
      expect(pingSchema.safeParse(value).success).toBe(false)
  })
})

describe('server payloads', () => {
  it('keeps an unknown error code rather than dropping the error', () => {
    expect(rtcErrorSchema.parse({ code: 'SOMETHING_NEW', message: 'm' }).code).toBe('SOMETHING_NEW')
    expect(rtcErrorSchema.safeParse({ code: 'CALL_FULL' }).success).toBe(false)
  })

  it('accepts a participant without a display name', () => {
    const parsed = callStartedSchema.parse({
      callId: 'c',
      participants: [
        { userId: 'u', mediaState: { muted: false, videoEnabled: false, screenSharing: false } },
      ],
    })
    expect(parsed.participants[0]?.displayName).toBeUndefined()
  })
})

describe('HTTP schemas', () => {
  it('trims and requires a user name', () => {
    expect(loginRequestSchema.parse({ username: '  Ann ' }).username).toBe('Ann')
    expect(loginRequestSchema.safeParse({ username: '  ' }).success).toBe(false)
  })

  it('defaults missing URL lists to empty lists', () => {
    expect(rtcConfigResponseSchema.parse({})).toEqual({ stunUrls: [], turnUrls: [] })
  })

  it('parses auth responses and server info', () => {
    expect(
      authResponseSchema.safeParse({
        accessToken: 'a',
        refreshToken: 'r',
        expiresIn: 600,
        user: { id: 'u', displayName: 'U' },
      }).success,
    ).toBe(true)
    expect(
      authResponseSchema.safeParse({ accessToken: 'a', refreshToken: 'r', expiresIn: 0 }).success,
    ).toBe(false)
    expect(serverInfoSchema.safeParse({ authMode: 'users' }).success).toBe(true)
    expect(serverInfoSchema.safeParse({ authMode: 'ldap' }).success).toBe(false)
  })
})
