/** A refused join ("This call is full") is told the same way by the alert and the status line. */
import { ParleyServer } from '../fixtures/parley-server'
import { expect, expectDecoding, test, uniqueCallId } from '../fixtures/call-client'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start({ maxParticipants: 2 })
})

test.afterAll(async () => {
  await server.stop()
})

test('when the call is full the status says "Not joined", never "Ready to join"', async ({
  clients,
}) => {
  const callId = uniqueCallId('full-status')
  const alice = await clients.open(server.url, 'Alice', { callId })
  await clients.open(server.url, 'Bob', { callId })
  await expectDecoding(alice.tile('Bob'))

  const carol = await clients.open(server.url, 'Carol', { callId, join: false })
  await expect(carol.status).toHaveText('Ready to join')
  await carol.join()
  await expect(carol.alert).toContainText('This call is full (2 of 2 people)')
  await expect(carol.status).toHaveText('Not joined: the call is full')

  // Dismissing the alert puts the status back to plain readiness.
  await carol.alert.getByRole('button', { name: 'Dismiss' }).click()
  await expect(carol.status).toHaveText('Ready to join')
})

test('a German browser is told in German that the call is full', async ({ browser, clients }) => {
  const callId = uniqueCallId('full-german')
  const alice = await clients.open(server.url, 'Alice', { callId })
  await clients.open(server.url, 'Bob', { callId })
  await expectDecoding(alice.tile('Bob'))

  const context = await browser.newContext({
    locale: 'de-DE',
    permissions: ['camera', 'microphone'],
  })
  const page = await context.newPage()
  await page.goto(`${server.url}/?call=${callId}`)
  await page.getByLabel('Anzeigename').fill('Dora')
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click()
  await page.getByRole('button', { name: 'Anruf beitreten', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('Dieser Anruf ist voll (2 von 2 Personen)')
  await context.close()
})
