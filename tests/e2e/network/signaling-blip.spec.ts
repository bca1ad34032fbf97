/**
 * Ben's connection to the server drops for a few seconds while the peer-to-peer link to Ann keeps
 * working (packets to the server's address are blackholed in his namespace; media goes to Ann's
 * address and is untouched). He has not left: Ann keeps his tile and his picture. When he leaves
 * on purpose, his tile goes at once.
 */
import { expect, expectDecoding, uniqueCallId } from '../fixtures/call-client'
import { samplesBetween, screenLog, type ScreenSample } from './fixtures/frame-meter'
import { test } from './fixtures/network-call'

/** Longer than a heartbeat that notices a dead socket in seconds; shorter than a grace period. */
const BLIP_MS = 8_000
/**
 * "At once" for a real leave: a participantLeft relayed over a working socket, not a grace period
 * running out. A functional bound, with room for a loaded machine.
 */
const LEAVE_BOUND_MS = 5_000

test.describe.configure({ timeout: 120_000 })

function framesOf(sample: ScreenSample, tile: string): number | null {
  return sample.tiles[tile]?.frames ?? null
}

test("a blip in one person's signaling: the others keep their tile and picture; a real leave removes it at once", async ({
  networkCall,
}) => {
  const { lab, ann, ben } = await networkCall.start(uniqueCallId('blip'))
  await expectDecoding(ann.tile('Ben'))
  await expectDecoding(ben.tile('Ann'))

  const cutAt = await lab.cutSignaling('b')
  await new Promise((r) => setTimeout(r, BLIP_MS))
  const restoredAt = await lab.restoreSignaling('b')

  const during = samplesBetween(await screenLog(ann.page), cutAt, restoredAt)
  // At least one look per second (a loaded machine slows the page's sampler down).
  expect(during.length).toBeGreaterThan(BLIP_MS / 1000)
  const missing = during.filter((sample) => !sample.tiles['Ben'])
  expect(
    missing.map((sample) => new Date(sample.t).toISOString()),
    "Ben left Ann's screen",
  ).toEqual([])
  // The media link never went through the server: his picture kept moving all along.
  const first = framesOf(during[0] as ScreenSample, 'Ben') ?? 0
  const last = framesOf(during.at(-1) as ScreenSample, 'Ben') ?? 0
  expect(last - first).toBeGreaterThan(BLIP_MS / 1000)
  // And Ann was told he is reconnecting, not shown him as fine.
  expect(during.some((sample) => /reconnecting/i.test(sample.tiles['Ben']?.text ?? ''))).toBe(true)

  // Back on the server, he leaves on purpose: gone from Ann's screen at once.
  await expect(ben.status).toContainText(/^Connected/, { timeout: 60_000 })
  await ben.button('Leave call').click()
  await expect(ann.tile('Ben')).toHaveCount(0, { timeout: LEAVE_BOUND_MS })
  await expect(ann.status).toContainText('1 of 4')
})

test('a real leave removes the tile at once', async ({ networkCall }) => {
  const { ann, ben } = await networkCall.start(uniqueCallId('leave'))
  await expectDecoding(ann.tile('Ben'))
  await ben.button('Leave call').click()
  await expect(ann.tile('Ben')).toHaveCount(0, { timeout: LEAVE_BOUND_MS })
})
