/** A tile's link problem comes from the engine as a phrase; the UI says it in the language set. */
import { afterEach, describe, expect, it } from 'vitest'
import { linkProblemText } from '../../../../src/renderer/src/ui/call/link-problem-text'
import { i18n } from '../../../../src/renderer/src/ui/common/translator'

describe('link problems in the person’s language', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en')
  })

  it('says why the link failed in English and in German, with the browser’s detail kept', async () => {
    const offer = { key: 'linkProblems.offerUnusable', values: { detail: 'codec collision' } }
    expect(linkProblemText(offer)).toBe(
      'Their connection offer could not be used (codec collision).',
    )
    expect(linkProblemText({ key: 'linkProblems.neverConnected' })).toBe(
      'No connection could be made.',
    )
    await i18n.changeLanguage('de')
    expect(linkProblemText(offer)).toBe(
      'Das Verbindungsangebot der anderen Seite war nicht verwendbar (codec collision).',
    )
    expect(linkProblemText({ key: 'linkProblems.neverConnected' })).toBe(
      'Es konnte keine Verbindung hergestellt werden.',
    )
    expect(linkProblemText({ key: 'linkProblems.serverLost', values: { name: 'Ben' } })).toBe(
      'Ben hat die Verbindung zum Server verloren und verbindet sich neu',
    )
  })
})
