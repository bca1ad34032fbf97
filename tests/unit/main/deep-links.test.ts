/** Deep links are parsed strictly: anything on the machine can hand Parley one. */
import { describe, expect, it } from 'vitest'
import {
  findDeepLinkInArgv,
  parseDeepLink,
  registerProtocolClient,
} from '../../../src/main/deep-links'

describe('deep links', () => {
  it('parses parley://join/<callId> with an optional http(s) server', () => {
    expect(parseDeepLink('parley://join/team-standup_1')).toEqual({ callId: 'team-standup_1' })
    expect(parseDeepLink('parley://join/abc/')).toEqual({ callId: 'abc' })
    expect(parseDeepLink('parley://join/abc?server=https%3A%2F%2Fcalls.example.org%2F')).toEqual({
      callId: 'abc',
      serverUrl: 'https://calls.example.org',
    })
    expect(parseDeepLink('parley://join/abc?server=http://127.0.0.1:4000')).toEqual({
      callId: 'abc',
      serverUrl: 'http://127.0.0.1:4000',
    })
  })

  it.each([
    'parley://join/',
    'parley://join/a/b',
    'parley://join/has space',
    'parley://join/semi;colon',
    `parley://join/${'x'.repeat(129)}`,
    'parley://join/%E0%A4%A',
    'parley://call/abc',
    'parley://user:pw@join/abc',
    'parley://join:8080/abc',
    'https://join/abc',
    'parley://join/abc?server=javascript:alert(1)',
    'parley://join/abc?server=file:///etc/passwd',
    'parley://join/abc?server=not-a-url',
    'parley://join/abc?server=https://a.example&server=https://b.example',
    'parley://join/abc?token=steal-me',
    'not a url',
    `parley://join/abc?server=https://${'a'.repeat(5000)}.example`,
  ])('refuses %s', (link) => {
    expect(parseDeepLink(link)).toBeNull()
  })

  it('finds the link among command-line arguments (second instance, Windows and Linux)', () => {
    expect(findDeepLinkInArgv(['/opt/Parley/parley', '--flag', 'parley://join/xyz'])).toEqual({
      callId: 'xyz',
    })
    expect(findDeepLinkInArgv(['/opt/Parley/parley', 'PARLEY://join/xyz'])).toEqual({
      callId: 'xyz',
    })
    expect(
      findDeepLinkInArgv(['/opt/Parley/parley', 'parley://nope', 'https://join/abc']),
    ).toBeNull()
  })

  it('registers the parley scheme, passing the app path when run under bare Electron', () => {
    const calls: unknown[][] = []
    const app = { setAsDefaultProtocolClient: (...args: unknown[]) => (calls.push(args), true) }
    registerProtocolClient(app, {
      defaultApp: false,
      execPath: '/opt/Parley/parley',
      appEntry: undefined,
    })
    registerProtocolClient(app, {
      defaultApp: true,
      execPath: '/usr/bin/electron',
      appEntry: '/src/parley',
    })
    expect(calls).toEqual([['parley'], ['parley', '/usr/bin/electron', ['/src/parley']]])
  })
})
