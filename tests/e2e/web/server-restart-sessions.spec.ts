/**
 * The server restarts mid-call, started as documented with no AUTH_SECRET. It kept its generated
 * key and the sign-in sessions in its data folder, so nobody is sent back to sign-in: everyone's
 * tokens still work, they reconnect and are back in the call together. The call is reached by a
 * call link (`/<callId>`) too.
 */
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { ParleyServer } from '../fixtures/parley-server'
import { CallClient, expect, expectFullMesh, test, uniqueCallId } from '../fixtures/call-client'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start({ authSecret: 'generated' })
})

test.afterAll(async () => {
  await server.dispose()
})

test('a restart without AUTH_SECRET keeps everyone signed in and in the call', async ({
  browser,
  clients,
}) => {
  test.setTimeout(150_000)
  const callId = uniqueCallId('sessions')
  const ann = await clients.open(server.url, 'Ann', { callId })
  // The address while in a call is the call link.
  await expect.poll(() => new URL(ann.page.url()).pathname).toBe(`/${callId}`)

  // Ben follows the call link itself.
  const context = await browser.newContext({
    permissions: ['camera', 'microphone'],
    viewport: { width: 960, height: 640 },
  })
  const errors: string[] = []
  try {
    const page = await context.newPage()
    page.on('pageerror', (error) => errors.push(error.message))
    const ben = new CallClient('Ben', context, page)
    await page.goto(`${server.url}/${callId}`)
    await page.getByLabel('Display name').fill('Ben')
    await ben.button('Sign in').click()
    await expect(page.getByLabel('Call ID')).toHaveValue(callId)
    await ben.join()
    await ben.joined()
    const both = [ann, ben]
    await expectFullMesh(both)
    expect(errors, 'page errors before the restart').toEqual([])
    errors.length = 0

    const dataDir = server.dataDir ?? ''
    expect(statSync(dataDir).mode & 0o777).toBe(0o700)
    expect(statSync(join(dataDir, 'auth-secret')).mode & 0o777).toBe(0o600)

    await server.stop()
    for (const client of both) await expect(client.status).toContainText(/reconnecting/i)
    await server.start()
    // The second start found the key the first one generated.
    expect(server.log.join('').match(/generated a token key/g)).toHaveLength(1)

    for (const client of both) {
      await expect(client.status).toContainText(/^Connected/, { timeout: 30_000 })
      await expect(client.status).toContainText('2 of 4')
      await expect(client.alert).toHaveCount(0)
      await expect(client.button('Sign in')).toHaveCount(0)
      await expect(client.button('Leave call')).toBeVisible()
    }
    await expectFullMesh(both)
    expect(existsSync(join(dataDir, 'sessions.json'))).toBe(true)
    expect(errors, 'page errors after the restart').toEqual([])
  } finally {
    await context.close()
  }
})
