/**
 * A right-to-left display name (Arabic) is isolated wherever it is shown: on the tile's name
 * plate, in People, as a chat message's sender and in the notices, the name sits in a <bdi> of
 * its own, so the words around it keep their order ("سارة joined" reads as a name then "joined").
 */
import { ParleyServer } from '../fixtures/parley-server'
import { expect, test, uniqueCallId } from '../fixtures/call-client'
import { chatMessages, notices, watchPageErrors } from './in-call-helpers'

const SARA = 'سارة'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

test('an Arabic name is isolated on tiles, in People, in chat and in the notices', async ({
  clients,
}) => {
  const callId = uniqueCallId('rtl')
  const ann = await clients.open(server.url, 'Ann', { callId })
  const sara = await clients.open(server.url, SARA, { callId })
  const errors = watchPageErrors([ann, sara])
  const isolated = ann.page.locator('bdi', { hasText: SARA })

  // The notice: the name isolated, the sentence's own words outside it, in their order.
  const joined = notices(ann).locator('p', { hasText: 'joined' })
  await expect(joined).toHaveText(`${SARA} joined`)
  await expect(joined.locator('bdi')).toHaveText(SARA)

  // The tile's name plate.
  await expect(ann.tile(SARA).locator('bdi')).toHaveText(SARA)

  // People.
  await ann.button('People, 2').click()
  const people = ann.page.getByRole('complementary', { name: 'People' })
  await expect(people.locator('bdi', { hasText: SARA })).toHaveCount(1)

  // Chat: the sender of a message, and the notice of it.
  await expect(async () => {
    await sara.page.keyboard.press('Control+Alt+C')
    await sara.page.getByRole('textbox', { name: 'Message' }).fill('مرحبا')
    await sara.page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(notices(ann)).toContainText(`New message from ${SARA}`, { timeout: 3_000 })
  }).toPass()
  await ann.page.keyboard.press('Control+Alt+C')
  await expect(chatMessages(ann).locator('bdi')).toHaveText(SARA)
  await expect(
    notices(ann).locator('p', { hasText: 'New message from' }).locator('bdi'),
  ).toHaveText(SARA)
  expect(await isolated.count()).toBeGreaterThanOrEqual(3)
  errors.expectNone()
})
