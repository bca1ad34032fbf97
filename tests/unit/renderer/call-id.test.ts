import { describe, expect, it } from 'vitest'
import {
  addressForCall,
  callIdFromLocation,
  callLink,
} from '../../../src/renderer/src/ui/lobby/call-id'

describe('call ids in page addresses', () => {
  it('reads ?call= first, then a single path segment that is a call id', () => {
    expect(callIdFromLocation({ pathname: '/', search: '?call=abc' })).toBe('abc')
    expect(callIdFromLocation({ pathname: '/other', search: '?call=abc' })).toBe('abc')
    expect(callIdFromLocation({ pathname: '/kfr-wqzm-tbe', search: '' })).toBe('kfr-wqzm-tbe')
    expect(callIdFromLocation({ pathname: '/abc', search: '?relay=1' })).toBe('abc')
  })

  it('finds no call in other addresses', () => {
    for (const pathname of ['/', '/index.html', '/call/abc', '/a/b', '/bad%20id', '/x.y']) {
      expect(callIdFromLocation({ pathname, search: '' }), pathname).toBe('')
    }
  })

  it('builds the link to share and the address while in a call', () => {
    expect(callLink('http://127.0.0.1:8080', 'abc-def')).toBe('http://127.0.0.1:8080/abc-def')
    expect(addressForCall('http://h:1/?call=old&relay=1', 'new')).toBe('http://h:1/new?relay=1')
    expect(addressForCall('http://h:1/old', 'new')).toBe('http://h:1/new')
  })
})
