/**
 * Chat, hands, reactions and the recording notice over the in-call data channel, with three
 * people and a late joiner: messages both ways, the notices read from the live region, hands in
 * the order raised, a reaction on the sender's tile for the others, "Ann is recording".
 */
import { ParleyServer } from '../fixtures/parley-server'
import { expect, test, uniqueCallId, type CallClient } from '../fixtures/call-client'
import { chatMessages as messages, chatPanel, notices, watchPageErrors } from './in-call-helpers'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

async function say(client: CallClient, text: string): Promise<void> {
  const box = chatPanel(client).getByRole('textbox', { name: 'Message' })
  await box.fill(text)
  await box.press('Enter')
  await expect(box).toHaveValue('')
}

function tile(client: CallClient, name: string) {
  return client.page.getByRole('group', { name, exact: true })
}

test('chat reaches everyone both ways, a late joiner sees only what comes after', async ({
  clients,
}) => {
  const callId = uniqueCallId('chat')
  // Chat is under test, not video: only Ann's camera is on.
  const ann = await clients.open(server.url, 'Ann', { callId })
  const ben = await clients.open(server.url, 'Ben', { callId, camera: false })
  const cat = await clients.open(server.url, 'Cat', { callId, camera: false })
  const errors = watchPageErrors([ann, ben, cat])
  await expect(ann.button('People, 3')).toBeVisible()

  await ann.button('Chat').click()
  await expect(chatPanel(ann).getByRole('textbox', { name: 'Message' })).toBeFocused()
  // Shift+Enter is a new line; the text is shown as text, a link is not a link.
  const box = chatPanel(ann).getByRole('textbox', { name: 'Message' })
  await box.fill('Hello <b>all</b>')
  await box.press('Shift+Enter')
  await box.pressSequentially('see https://example.invalid/x')
  await box.press('Enter')
  await expect(box).toHaveValue('')
  await expect(messages(ann)).toContainText('You')
  await expect(messages(ann)).toContainText('Hello <b>all</b>')

  for (const other of [ben, cat]) {
    await expect(notices(other)).toContainText('New message from Ann')
    await expect(other.button('Chat, 1 unread')).toBeVisible()
    await other.button('Chat, 1 unread').click()
    await expect(messages(other)).toContainText('Ann')
    await expect(messages(other)).toContainText('Hello <b>all</b>\nsee https://example.invalid/x')
    await expect(messages(other).locator('a, b')).toHaveCount(0)
  }
  await say(ben, 'Hi Ann')
  await expect(messages(ann)).toContainText('Hi Ann')
  await expect(messages(cat)).toContainText('Hi Ann')
  await expect(notices(ann)).toContainText('New message from Ben')

  const dan = await clients.open(server.url, 'Dan', { callId, camera: false })
  await expect(ann.button('People, 4')).toBeVisible()
  await dan.button('Chat').click()
  await expect(chatPanel(dan)).toContainText('Messages sent before you joined are not shown.')
  await expect(messages(dan)).not.toContainText('Hi Ann')
  // Said once, at once: Dan's channel to Ann may open moments after the link, and the message
  // waits for it rather than being lost.
  await say(dan, 'Made it')
  await expect(messages(ann)).toContainText('Made it', { timeout: 30_000 })
  await expect(messages(cat)).toContainText('Made it')
  await say(cat, 'Welcome Dan')
  await expect(messages(dan)).toContainText('Welcome Dan')
  errors.expectNone()
})

test('hands in the order raised, reactions on the sender tile, and the recording notice', async ({
  clients,
}) => {
  const callId = uniqueCallId('hands')
  // Recording here is about the notice, not the file: a browser without a save picker downloads.
  const ann = await clients.open(server.url, 'Ann', {
    callId,
    initScript: 'delete window.showSaveFilePicker',
  })
  const ben = await clients.open(server.url, 'Ben', { callId })
  const cat = await clients.open(server.url, 'Cat', { callId })
  const errors = watchPageErrors([ann, ben, cat])
  await expect(ann.button('People, 3')).toBeVisible()
  // Each hand raised once all links carry messages: Ann hears Ben's hello before Ben raises.
  await expect(async () => {
    await ben.button('Raise hand').click()
    await expect(tile(ann, 'Ben').getByRole('img', { name: 'Hand raised' })).toBeVisible({
      timeout: 2_000,
    })
  }).toPass()
  await expect(notices(ann)).toContainText('Ben raised their hand')
  await cat.page.keyboard.press('Control+Alt+H')
  await expect(cat.button('Lower hand')).toBeVisible()
  await expect(notices(ann)).toContainText('Cat raised their hand')

  await ann.button('People, 3').click()
  const rows = ann.page.getByRole('complementary', { name: 'People' }).getByRole('listitem')
  await expect(rows.nth(1)).toContainText('hand raised')
  await expect(rows.nth(2)).toContainText('hand raised')

  // Only the owner lowers a hand.
  await ben.button('Lower hand').click()
  await expect(tile(ann, 'Ben').getByRole('img', { name: 'Hand raised' })).toHaveCount(0)
  await expect(tile(cat, 'Ben').getByRole('img', { name: 'Hand raised' })).toHaveCount(0)
  await expect(tile(ben, 'Cat').getByRole('img', { name: 'Hand raised' })).toBeVisible()
  // A hand leaves with its owner.
  await cat.leave()
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(1)).not.toContainText('hand raised')

  await ben.button('Reactions').click()
  await ben.page
    .getByRole('menu', { name: 'Reactions' })
    .getByRole('menuitem', { name: 'Heart' })
    .click()
  await expect(tile(ann, 'Ben').locator('.tile-marks__reaction')).toHaveText('❤️')
  await expect(notices(ann)).toContainText('Ben reacted Heart')
  // It floats away by itself.
  await expect(tile(ann, 'Ben').locator('.tile-marks__reaction')).toHaveCount(0)

  await ann.button('Record').click()
  await expect(tile(ben, 'Ann')).toContainText('Ann is recording')
  await expect(notices(ben)).toContainText('Ann is recording')
  await ann.button('Stop recording').click()
  await expect(tile(ben, 'Ann')).not.toContainText('Ann is recording')
  await expect(notices(ben)).toContainText('Ann stopped recording')
  errors.expectNone()
})
