/**
 * Ann's laptop changes uplink mid-call, for real: her browser runs in a network namespace with a
 * Wi-Fi and a cellular link to the router that holds the server and leads to Ben. Media must come
 * back both ways on its own, with nobody touching anything. The bound here is functional (it came
 * back at all); how fast it came back is measured by `npm run bench:network`.
 */
import { expectDecoding, uniqueCallId } from '../fixtures/call-client'
import { waitForFlow } from './fixtures/frame-meter'
import { test } from './fixtures/network-call'

/** Long enough for any recovery the call could call working; not a speed target. */
const RECOVERY_BOUND_MS = 30_000
/** Seen on dual-link laptops and phones: the second link is up shortly before the first goes. */
const CELLULAR_HEAD_START_MS = 1_500

/** Shown in the report beside the result, never asserted: the bench owns the figures. */
function noteRecovery(usableAt: number, flowingSince: number[]): void {
  const [annSees, benSees] = flowingSince.map((at) => ((at - usableAt) / 1000).toFixed(1))
  test.info().annotations.push({
    type: 'recovery',
    description: `Ben flowing on Ann's screen +${annSees} s, Ann on Ben's +${benSees} s`,
  })
}

/** Specs for recovery the call does not have yet: PARLEY_NETWORK_PENDING=1 runs them. */
const PENDING = { tag: '@pending' }

test.describe.configure({ timeout: 120_000 })

test('Wi-Fi lost, then cellular: media comes back both ways on its own', async ({
  networkCall,
}) => {
  const { lab, ann, ben } = await networkCall.start(uniqueCallId('wifi-then-cell'))
  await expectDecoding(ann.tile('Ben'))
  await expectDecoding(ben.tile('Ann'))

  await lab.dropUplink('a', 'wifi', 'link-down')
  // The radio needs a moment to attach to the other network.
  await new Promise((r) => setTimeout(r, 1_000))
  const cellularUp = await lab.bringUp('a', 'cellular')

  const flowing = await waitForFlow(
    [
      { page: ann.page, tile: 'Ben' },
      { page: ben.page, tile: 'Ann' },
    ],
    cellularUp,
    RECOVERY_BOUND_MS,
  )
  noteRecovery(cellularUp, flowing)
})

// Pending: when the side whose socket hangs on the dead address is the one that must answer, its
// restart offers are lost and the other side spends its rebuilds.
test(
  'cellular up before Wi-Fi goes: media comes back both ways on its own',
  PENDING,
  async ({ networkCall }) => {
    const { lab, ann, ben } = await networkCall.start(uniqueCallId('cell-then-wifi'))
    await expectDecoding(ann.tile('Ben'))
    await expectDecoding(ben.tile('Ann'))

    // No `offline` event: one interface stays up all along.
    await lab.bringUp('a', 'cellular')
    await new Promise((r) => setTimeout(r, CELLULAR_HEAD_START_MS))
    const wifiLost = await lab.dropUplink('a', 'wifi', 'link-down')

    const flowing = await waitForFlow(
      [
        { page: ann.page, tile: 'Ben' },
        { page: ben.page, tile: 'Ann' },
      ],
      wifiLost,
      RECOVERY_BOUND_MS,
    )
    noteRecovery(wifiLost, flowing)
  },
)

test(
  'cellular up before Wi-Fi goes dark with its interface still up: media comes back both ways on its own',
  PENDING,
  async ({ networkCall }) => {
    const { lab, ann, ben } = await networkCall.start(uniqueCallId('cell-then-wifi'))
    await expectDecoding(ann.tile('Ben'))
    await expectDecoding(ben.tile('Ann'))

    // Out of range without the Wi-Fi interface going down: its address stays, only the default
    // route moves to cellular, so sockets bound to the Wi-Fi address hang instead of failing.
    await lab.bringUp('a', 'cellular')
    await new Promise((r) => setTimeout(r, CELLULAR_HEAD_START_MS))
    const wifiLost = await lab.dropUplink('a', 'wifi', 'route-moved')

    const flowing = await waitForFlow(
      [
        { page: ann.page, tile: 'Ben' },
        { page: ben.page, tile: 'Ann' },
      ],
      wifiLost,
      RECOVERY_BOUND_MS,
    )
    noteRecovery(wifiLost, flowing)
  },
)
