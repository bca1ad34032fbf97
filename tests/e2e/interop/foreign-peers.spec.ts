/**
 * The control: the foreign peers call each other without Parley. When these pass and a Parley
 * scenario fails, the failure is Parley's, not the peers'.
 */
import { uniqueCallId } from '../fixtures/call-client'
import { expect, test } from './fixtures/interop-test'
import { expectPlainDecoding, expectPlainHearing } from './fixtures/plain-client'
import { expectWeriftReceiving } from './fixtures/werift-peer'

// Several pages with live video, and for werift an encoder too, on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 })

test('two plain clients see and hear each other', async ({ interop }) => {
  const call = interop(uniqueCallId('plain-plain'))
  const first = await call.plain('First')
  const second = await call.plain('Second')
  const secondId = await first.remoteId('Second')
  const firstId = await second.remoteId('First')
  await expectPlainDecoding(first, secondId)
  await expectPlainDecoding(second, firstId)
  await expectPlainHearing(first, secondId)
  await expectPlainHearing(second, firstId)
  expect((await first.state()).errors).toEqual([])
  expect((await second.state()).errors).toEqual([])
})

test('werift and a plain client see and hear each other, werift offering then answering', async ({
  interop,
}) => {
  const call = interop(uniqueCallId('plain-werift'))
  const plain = await call.plain('Plain')
  const werift = await call.werift('Werift')
  const weriftId = await plain.remoteId('Werift')
  const plainId = await werift.remoteId('Plain')
  await expectPlainDecoding(plain, weriftId)
  await expectPlainHearing(plain, weriftId)
  await expectWeriftReceiving(werift, plainId)

  // A second plain client joins and offers to werift, which answers.
  const late = await call.plain('Late')
  const weriftIdAtLate = await late.remoteId('Werift')
  const lateId = await werift.remoteId('Late')
  await expectPlainDecoding(late, weriftIdAtLate)
  await expectWeriftReceiving(werift, lateId)
  expect(werift.state.remotes[lateId]?.offersReceived).toBe(1)
  expect(werift.state.remotes[plainId]?.offersSent).toBe(1)
  expect(werift.state.errors).toEqual([])
})
