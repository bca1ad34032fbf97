/**
 * Ann's laptop changes uplink mid-call, for real: her browser runs in a network namespace with a
 * Wi-Fi and a cellular link to the router that holds the server and leads to Ben. Media must come
 * back both ways on its own, with nobody touching anything. The bound here is functional (it came
 * back at all); how fast it came back is measured by `npm run bench:network`.
 */
import { expect, expectDecoding, uniqueCallId } from '../fixtures/call-client'
import { longestFalseClaim, screenLog, waitForFlow } from './fixtures/frame-meter'
import { test, type NetworkCallFixture } from './fixtures/network-call'
import { UPLINK_SWITCHES, type UplinkSwitch } from './fixtures/uplink-switches'

/** Long enough for any recovery the call could call working; not a speed target. */
const RECOVERY_BOUND_MS = 30_000

/**
 * How long a tile may keep saying "Direct" over frozen video while the call finds out: a few of
 * the stats sampler's rounds. A functional allowance, not a speed target.
 */
const CLAIM_ALLOWANCE_MS = 4_000

/** Shown in the report beside the result, never asserted: the bench owns the figures. */
function noteRecovery(usableAt: number, flowingSince: number[]): void {
  const [annSees, benSees] = flowingSince.map((at) => ((at - usableAt) / 1000).toFixed(1))
  test.info().annotations.push({
    type: 'recovery',
    description: `Ben flowing on Ann's screen +${annSees} s, Ann on Ben's +${benSees} s`,
  })
}

test.describe.configure({ timeout: 120_000 })

async function switchAndRecover(
  networkCall: NetworkCallFixture,
  kind: UplinkSwitch,
): Promise<void> {
  const { lab, ann, ben } = await networkCall.start(uniqueCallId(kind))
  await expectDecoding(ann.tile('Ben'))
  await expectDecoding(ben.tile('Ann'))
  const usableAt = await UPLINK_SWITCHES[kind](lab)
  const flowing = await waitForFlow(
    [
      { page: ann.page, tile: 'Ben' },
      { page: ben.page, tile: 'Ann' },
    ],
    usableAt,
    RECOVERY_BOUND_MS,
  )
  noteRecovery(usableAt, flowing)
}

test('Wi-Fi lost, then cellular: media comes back both ways on its own', async ({
  networkCall,
}) => {
  await switchAndRecover(networkCall, 'wifi-then-cellular')
})

test('cellular up before Wi-Fi goes: media comes back both ways on its own', async ({
  networkCall,
}) => {
  await switchAndRecover(networkCall, 'cellular-then-wifi')
})

test('cellular up before Wi-Fi goes dark with its interface still up: media comes back both ways on its own', async ({
  networkCall,
}) => {
  await switchAndRecover(networkCall, 'cellular-then-wifi-dark')
})

test('while the uplink switches, no tile claims a working link over frozen video', async ({
  networkCall,
}) => {
  const { lab, ann, ben } = await networkCall.start(uniqueCallId('no-false-claim'))
  await expectDecoding(ann.tile('Ben'))
  await expectDecoding(ben.tile('Ann'))
  const usableAt = await UPLINK_SWITCHES['cellular-then-wifi'](lab)
  await waitForFlow(
    [
      { page: ann.page, tile: 'Ben' },
      { page: ben.page, tile: 'Ann' },
    ],
    usableAt,
    RECOVERY_BOUND_MS,
  ).catch(() => undefined)
  // Judged whether or not media came back: the other spec owns that.
  expect(longestFalseClaim(await screenLog(ann.page), 'Ben', usableAt)).toBeLessThan(
    CLAIM_ALLOWANCE_MS,
  )
  expect(longestFalseClaim(await screenLog(ben.page), 'Ann', usableAt)).toBeLessThan(
    CLAIM_ALLOWANCE_MS,
  )
})
