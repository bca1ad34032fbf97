import { describe, expect, it } from 'vitest'
import { withoutHeaderExtensionClashes } from '../../../../src/renderer/src/engine/header-extension-repair'
import aiortcOffer from './fixtures/aiortc-audio-video-offer.sdp?raw'
import chromiumParleyOffer from './fixtures/chromium-parley-offer.sdp?raw'
import chromiumPlainAudioVideoOffer from './fixtures/chromium-plain-audio-video-offer.sdp?raw'
import weriftOffer from './fixtures/werift-audio-video-offer.sdp?raw'

/** Every `a=extmap` id with the extension URIs it names across the whole description. */
function urisById(sdp: string): Map<string, Set<string>> {
  const byId = new Map<string, Set<string>>()
  for (const match of sdp.matchAll(/^a=extmap:(\d+)\S*\s+(\S+)/gm)) {
    const [, id, uri] = match
    if (!id || !uri) continue
    byId.set(id, (byId.get(id) ?? new Set()).add(uri))
  }
  return byId
}

describe('withoutHeaderExtensionClashes', () => {
  it("leaves aiortc's offer with one extension per id, dropping only the clashing lines", () => {
    // The recording really has the clash Chromium refuses.
    expect([...urisById(aiortcOffer).values()].some((uris) => uris.size > 1)).toBe(true)

    const repaired = withoutHeaderExtensionClashes(aiortcOffer)
    expect([...urisById(repaired).values()].every((uris) => uris.size === 1)).toBe(true)
    const dropped = aiortcOffer.split('\r\n').filter((line) => !repaired.includes(line))
    expect(dropped.length).toBeGreaterThan(0)
    expect(dropped.every((line) => line.startsWith('a=extmap:'))).toBe(true)
    // Everything else, CRLF line ends included, is as it was.
    expect(repaired.split('\r\n').length).toBe(aiortcOffer.split('\r\n').length - dropped.length)
    expect(repaired.endsWith('\r\n')).toBe(aiortcOffer.endsWith('\r\n'))
  })

  it('keeps an id that names the same extension in every section', () => {
    const repaired = withoutHeaderExtensionClashes(aiortcOffer)
    // `sdes:mid` is id 1 in both of aiortc's sections: both lines stay.
    expect(repaired.match(/^a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid/gm)).toHaveLength(2)
  })

  it.each([
    ['Chromium (plain client)', chromiumPlainAudioVideoOffer],
    ['Chromium (Parley)', chromiumParleyOffer],
    ['werift', weriftOffer],
  ])('returns an offer without clashes unchanged: %s', (_stack, sdp) => {
    expect(withoutHeaderExtensionClashes(sdp)).toBe(sdp)
  })

  it('leaves sections alone when they are not bundled (each has its own ids then)', () => {
    const unbundled = aiortcOffer.replace(/^a=group:BUNDLE.*\r\n/m, '')
    expect(withoutHeaderExtensionClashes(unbundled)).toBe(unbundled)
  })
})
