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

test('a 300 kbit/s uplink: the others see that connection as poor, and so does its owner', async ({
  networkCall,
}) => {
  const { lab, ann, ben } = await networkCall.start(uniqueCallId('narrow'))
  await expectDecoding(ann.tile('Ben'))
  await lab.shape('b', 'uplink', UPLINK_KBIT)
  await expect(ann.tile('Ben').getByRole('img', { name: /poor/i })).toBeVisible({
    timeout: 30_000,
  })
  // His own view names his uplink as the poor one, on his own tile. (The call id must not
  // contain "poor": the status line shows it.)
  await expect(ben.selfTile.getByRole('img', { name: /poor/i })).toBeVisible({
    timeout: 30_000,
  })
  await expect(ben.selfTile).toContainText('Your connection is poor')
  // Ann's own uplink is not the narrow one: her tile says nothing of the kind.
  await expect(ann.selfTile.getByText('Your connection is poor')).toHaveCount(0)
})
