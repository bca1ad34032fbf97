/**
 * Ben's uplink is shaped to 300 kbit/s (a token bucket on what his namespace sends): his audio and
 * a thinner video still reach Ann, and both of them are told his connection is poor.
 */
import { expect, expectDecoding, uniqueCallId } from '../fixtures/call-client'
import { test } from './fixtures/network-call'

const UPLINK_KBIT = 300

test.describe.configure({ timeout: 120_000 })

test('a 300 kbit/s uplink: the call carries on both ways', async ({ networkCall }) => {
  const { lab, ann, ben } = await networkCall.start(uniqueCallId('slow'))
  await expectDecoding(ann.tile('Ben'))
  await lab.shape('b', 'uplink', UPLINK_KBIT)
  // Anything sent before the bucket went on has long arrived after this: the frames counted next
  // came through the narrow link.
  await new Promise((r) => setTimeout(r, 5_000))
  await expect(ben.status).toContainText(/^Connected/)
  await expectDecoding(ann.tile('Ben'), 60_000)
  await expectDecoding(ben.tile('Ann'), 60_000)
})

test(
  'a 300 kbit/s uplink: the others see that connection as poor, and so does its owner',
  {
    tag: '@pending',
  },
  async ({ networkCall }) => {
    const { lab, ann, ben } = await networkCall.start(uniqueCallId('poor'))
    await expectDecoding(ann.tile('Ben'))
    await lab.shape('b', 'uplink', UPLINK_KBIT)
    await expect(ann.tile('Ben').getByRole('img', { name: /poor/i })).toBeVisible({
      timeout: 30_000,
    })
    // His own view names his uplink as the poor one: in his tile or in the call's status.
    const ownWarning = ben.selfTile
      .getByRole('img', { name: /poor/i })
      .or(ben.page.getByRole('status').filter({ hasText: /poor/i }))
      .or(ben.selfTile.getByText(/poor/i))
    await expect(ownWarning.first()).toBeVisible({ timeout: 30_000 })
  },
)
