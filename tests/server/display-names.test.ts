/**
 * Display names an attacker would pick: hidden direction changes, invisible padding, control
 * characters, a fake "(you)". Refused at sign-in with a reason; fine names come out normalised.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_PATHS, displayNameSchema, httpErrorSchema } from '../../src/shared/protocol'
import { login, postJson, startTestServer, type TestServer } from './helpers'

const REFUSED: [string, string][] = [
  ['right-to-left override', 'Ann\u202Egnp.exe'],
  ['left-to-right isolate', '\u2066Ann\u2069'],
  ['first strong isolate', 'Ann\u2068x'],
  ['right-to-left mark', 'Ann\u200F'],
  ['zero-width space', 'A\u200Bnn'],
  ['zero-width joiner between letters', 'A\u200Dnn'],
  ['zero-width no-break space (BOM)', '\uFEFFAnn'],
  ['word joiner', 'An\u2060n'],
  ['soft hyphen', 'An\u00ADn'],
  ['invisible separator', 'A\u2063nn'],
  ['newline', 'Ann\nBen'],
  ['tab', 'Ann\tBen'],
  ['NUL', 'Ann\u0000'],
  ['escape sequence', '\u001b[31mAnn'],
  ['C1 control', 'Ann\u0085'],
  ['line separator', 'Ann\u2028Ben'],
  ['lone surrogate', 'Ann\uD800'],
  ['private use', 'Ann\uE000'],
  ['only spaces', ' \u00A0\u3000 '],
  ['only a combining mark', '\u0301'],
  ['only a Hangul filler', '\u3164'],
  ['only a blank Braille pattern', '\u2800\u2800'],
  ['only zero-width characters', '\u200B\u200C\u200D'],
  ['empty', ''],
  ['the self-view suffix', 'Ben (you)'],
  ['the self-view suffix in capitals', 'Ben (YOU)'],
  ['the self-view suffix after a no-break space', 'Ben\u00A0(you)'],
  ['too long', 'x'.repeat(65)],
]

const ACCEPTED: [string, string, string][] = [
  ['plain', 'Ann', 'Ann'],
  ['surrounding and inner spaces', '  Ann \u00A0 Lee  ', 'Ann Lee'],
  ['decomposed accents, as NFC', 'Zoe\u0308 Jose\u0301', 'Zoë José'],
  ['a right-to-left script', 'שרה', 'שרה'],
  ['an emoji ZWJ sequence', 'Dev 👩\u200D💻', 'Dev 👩\u200D💻'],
  ['ZWNJ inside a Persian word', 'می\u200Cخواهم', 'می\u200Cخواهم'],
  ['"you" not as the suffix', 'You (yourself)', 'You (yourself)'],
  ['CJK', '李小龍', '李小龍'],
]

describe('displayNameSchema', () => {
  it.each(REFUSED)('refuses a name with %s', (_label, name) => {
    const result = displayNameSchema.safeParse(name)
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toMatch(/name/i)
  })

  it.each(ACCEPTED)('accepts %s', (_label, name, expected) => {
    expect(displayNameSchema.parse(name)).toBe(expected)
  })
})

describe('guest sign-in', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('refuses every nasty name with 400 and a reason, and signs no token', async () => {
    for (const [label, username] of REFUSED) {
      const response = await postJson(server.url + API_PATHS.login, { username })
      expect(response.status, label).toBe(400)
      const error = httpErrorSchema.parse(response.body)
      expect(error.error).toBe('INVALID_PAYLOAD')
      expect(error.message).toMatch(/^username: /)
      expect(response.body).not.toHaveProperty('accessToken')
    }
  })

  it('signs in fine names as normalised, and that is the name in the token', async () => {
    for (const [, username, expected] of ACCEPTED) {
      const auth = await login(server.url, username)
      expect(auth.user.displayName).toBe(expected)
      const claims = JSON.parse(
        Buffer.from(auth.accessToken.split('.')[1] ?? '', 'base64url').toString(),
      ) as { name: string }
      expect(claims.name).toBe(expected)
    }
  })
})
