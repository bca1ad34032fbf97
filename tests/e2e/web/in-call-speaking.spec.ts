/**
 * Who is speaking: Chromium's fake microphone beeps, so every tile rings and says "speaking",
 * your own too; a muted person's tile does not. Talking while muted shows "You're muted" once.
 */
import { ParleyServer } from '../fixtures/parley-server'
import { expect, expectDecoding, test, uniqueCallId } from '../fixtures/call-client'
import { mutedHint, watchPageErrors } from './in-call-helpers'

let server: ParleyServer

/** Runs in the page (the specs are typed without the DOM library, hence a string). */
const countMutedHints = `
  window.mutedHintShown = 0
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.textContent && node.textContent.includes('You’re muted')) window.mutedHintShown++
      }
    }
  }).observe(document.body, { childList: true, subtree: true })
`

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

test('a speaking person has a ring and "speaking" in their tile description, and muting ends it', async ({
  clients,
}) => {
  const callId = uniqueCallId('speaking')
  const alice = await clients.open(server.url, 'Alice', { callId })
  const bob = await clients.open(server.url, 'Bob', { callId })
  const errors = watchPageErrors([alice, bob])
  const aliceAtBob = bob.tile('Alice')
  await expectDecoding(aliceAtBob)

  // Alice's beeps, received over the link, ring her tile at Bob's; each side rings its own tile.
  await expect(aliceAtBob).toHaveAttribute('data-speaking', 'true')
  await expect(aliceAtBob).toHaveAccessibleDescription('speaking')
  await expect(alice.selfTile).toHaveAccessibleDescription('speaking')
  await expect(alice.tile('Bob')).toHaveAccessibleDescription('speaking')

  await alice.button('Mute microphone').click()
  await expect(aliceAtBob).not.toHaveAttribute('data-speaking')
  await expect(aliceAtBob).toHaveAccessibleDescription('')
  await expect(alice.selfTile).toHaveAccessibleDescription('')
  // Bob still talks, and still rings.
  await expect(alice.tile('Bob')).toHaveAccessibleDescription('speaking')

  await alice.button('Unmute microphone').click()
  await expect(aliceAtBob).toHaveAccessibleDescription('speaking')
  errors.expectNone()
})

test('talking while muted shows "You\'re muted" once per mute, as a status', async ({
  clients,
}) => {
  const callId = uniqueCallId('muted-hint')
  const alice = await clients.open(server.url, 'Alice', { callId })
  const errors = watchPageErrors([alice])
  // Count every time the hint's text is put on screen, not just whether it is there now.
  await alice.page.evaluate(countMutedHints)
  const shownCount = async () => Number(await alice.page.evaluate('window.mutedHintShown'))

  await expect(mutedHint(alice)).toHaveCount(0)
  await alice.button('Mute microphone').click()
  await expect(mutedHint(alice)).toBeVisible()
  await expect(mutedHint(alice)).toContainText('hold Space to talk')
  await expect(alice.alert).toHaveCount(0)
  // The fake microphone beeps on; the hint goes away by itself and does not come back.
  await expect(mutedHint(alice)).toHaveCount(0, { timeout: 15_000 })
  expect(await shownCount()).toBe(1)

  // A new mute earns a new hint. The unmute must be one the app lived through (its own tile
  // rings again), not a click the level sampler never saw between two looks.
  await alice.button('Unmute microphone').click()
  await expect(alice.selfTile).toHaveAccessibleDescription('speaking')
  await alice.button('Mute microphone').click()
  await expect(mutedHint(alice)).toBeVisible()
  expect(await shownCount()).toBe(2)
  errors.expectNone()
})
