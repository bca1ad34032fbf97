/**
 * The desktop app end to end (Playwright's Electron mode): launch and its security posture, the
 * embedded default, sign-in to a test server, a call with a web-client peer, sharing a window
 * through Parley's picker, and deep links. Skips with one line where Electron is not installed.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ParleyServer } from '../fixtures/parley-server'
import { openClient, expectDecoding, uniqueCallId } from '../fixtures/call-client'
import {
  electronExecutable,
  expect,
  joinCall,
  MISSING_ELECTRON_REASON,
  runSecondInstance,
  signInThroughUi,
  test,
} from './parley-app'

test.skip(electronExecutable() === null, MISSING_ELECTRON_REASON)

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})
test.afterAll(async () => {
  await server?.stop()
})

test('launches locked down: one bridge global, no Node, Parley’s own origin, a strict CSP', async ({
  parley,
}) => {
  const { app, window } = await parley({ serverUrl: server.url })
  expect(new URL(window.url()).protocol).toBe('app:')
  const globals = await window.evaluate(() => {
    const scope = globalThis as unknown as Record<string, unknown>
    const bridge = scope.parley as Record<string, Record<string, unknown>>
    return {
      namespaces: Object.keys(bridge).sort(),
      signaling: Object.keys(bridge.signaling ?? {}).sort(),
      screenShare: Object.keys(bridge.screenShare ?? {}).sort(),
      require: typeof scope.require,
      process: typeof scope.process,
      ipcRenderer: typeof scope.ipcRenderer,
    }
  })
  expect(globals.namespaces).toEqual(['screenShare', 'signaling'])
  expect(globals.screenShare).toEqual([
    'clearSelection',
    'getCapabilities',
    'listSources',
    'selectSource',
  ])
  expect(globals).toMatchObject({
    require: 'undefined',
    process: 'undefined',
    ipcRenderer: 'undefined',
  })
  // connect-src allows the configured server and nothing else: a live server the CSP does not
  // name is refused to the page, while the configured one answers.
  const outsider = createServer((_request, response) => response.end('ok'))
  await new Promise<void>((resolveListen) => outsider.listen(0, '127.0.0.1', resolveListen))
  const outsiderUrl = `http://127.0.0.1:${(outsider.address() as AddressInfo).port}/`
  expect((await fetch(outsiderUrl)).status).toBe(200)
  const reach = (url: string) =>
    window.evaluate(async (target) => {
      try {
        // no-cors: only the CSP decides, not whether the server sends CORS headers.
        await fetch(target, { mode: 'no-cors' })
        return true
      } catch {
        return false
      }
    }, url)
  const blocked = !(await reach(outsiderUrl))
  outsider.close()
  expect(await reach(`${server.url}/healthz`)).toBe(true)
  expect(blocked).toBe(true)
  // window.open is denied.
  expect(
    await window.evaluate(
      () =>
        (globalThis as unknown as { open(url: string): unknown }).open('https://example.org/') ===
        null,
    ),
  ).toBe(true)
  expect(app.windows()).toHaveLength(1)
})

test('with no server configured, signs in to the embedded server that browsers can join', async ({
  parley,
}) => {
  const { window } = await parley()
  await expect(window.getByText('Built-in server')).toBeVisible()
  const info = await window.evaluate(() =>
    (
      globalThis as unknown as {
        parley: { signaling: { getSession(): Promise<{ serverUrl: string; embedded: boolean }> } }
      }
    ).parley.signaling.getSession(),
  )
  expect(info.embedded).toBe(true)
  expect(new URL(info.serverUrl).hostname).toBe('127.0.0.1')
  const health = await fetch(`${info.serverUrl}/healthz`)
  expect(health.status).toBe(200)
})

test('signs in to a test server and joins a call with a web-client peer', async ({
  parley,
  browser,
}) => {
  const callId = uniqueCallId('desktop')
  const { window } = await parley({ serverUrl: server.url })
  await signInThroughUi(window, 'Desk')
  await joinCall(window, 'Desk', callId)
  const web = await openClient(browser, server.url, 'Webby', { callId })
  try {
    await expectDecoding(web.tile('Desk'))
    await expectDecoding(window.getByRole('group', { name: 'Webby', exact: true }))
  } finally {
    await web.close()
  }
})

test('opens Parley’s picker and shares a window with the web peer', async ({ parley, browser }) => {
  const callId = uniqueCallId('share')
  const { window } = await parley({ serverUrl: server.url })
  await signInThroughUi(window, 'Sharer')
  await joinCall(window, 'Sharer', callId)
  const web = await openClient(browser, server.url, 'Viewer', { callId })
  try {
    await window.getByRole('button', { name: 'Share screen', exact: true }).click()
    const dialog = window.getByRole('dialog', { name: 'Share your screen' })
    await expect(dialog).toBeVisible()
    await dialog.getByRole('tab', { name: 'Windows', exact: true }).click()
    const firstWindow = dialog.getByRole('radio').first()
    await expect(firstWindow).toBeVisible()
    await firstWindow.click()
    await dialog.getByRole('button', { name: 'Share', exact: true }).click()
    await expect(window.getByRole('button', { name: 'Stop sharing', exact: true })).toBeVisible()
    await expectDecoding(web.screenTile('Sharer'))
  } finally {
    await web.close()
  }
})

test('a parley:// deep link at start-up asks first, and joins only on Join', async ({ parley }) => {
  const callId = uniqueCallId('link')
  const link = `parley://join/${callId}?server=${encodeURIComponent(server.url)}`
  const { window } = await parley({ serverUrl: server.url, args: [link] })
  await signInThroughUi(window, 'Linked')
  const question = window.getByRole('dialog', { name: `Join call ${callId}?` })
  await expect(question).toBeVisible()
  await expect(question).toContainText(/microphone (on|muted) and your camera (on|off)/)
  await expect(window.getByRole('button', { name: 'Leave call', exact: true })).toHaveCount(0)
  await question.getByRole('button', { name: 'Join', exact: true }).click()
  await expect(window.getByRole('group', { name: 'Linked (you)', exact: true })).toBeVisible()
})

test('a deep link to another server is explained, never followed', async ({ parley }) => {
  const callId = uniqueCallId('elsewhere')
  const link = `parley://join/${callId}?server=${encodeURIComponent('http://127.0.0.1:9')}`
  const { window } = await parley({ serverUrl: server.url, args: [link] })
  await signInThroughUi(window, 'Elsewhere')
  const notice = window.getByRole('dialog', { name: 'This link is for another server' })
  await expect(notice).toBeVisible()
  await notice.getByRole('button', { name: 'Close', exact: true }).click()
  await expect(notice).toHaveCount(0)
  await expect(window.getByRole('button', { name: 'Leave call', exact: true })).toHaveCount(0)
})

test('a deep link opened while Parley runs goes to the running app, which asks', async ({
  parley,
}) => {
  const callId = uniqueCallId('second')
  const { window, userDataDir } = await parley({ serverUrl: server.url })
  await signInThroughUi(window, 'Running')
  const code = await runSecondInstance(userDataDir, [`parley://join/${callId}`])
  expect(code).toBe(0)
  const question = window.getByRole('dialog', { name: `Join call ${callId}?` })
  await question.getByRole('button', { name: 'Join', exact: true }).click()
  await expect(window.getByRole('group', { name: 'Running (you)', exact: true })).toBeVisible()
  // A second link while in a call says that joining leaves it; Cancel keeps the call.
  const next = uniqueCallId('next')
  expect(await runSecondInstance(userDataDir, [`parley://join/${next}`])).toBe(0)
  const leaveQuestion = window.getByRole('dialog', { name: `Join call ${next}?` })
  await expect(leaveQuestion).toContainText('Joining leaves the call you are in now')
  await leaveQuestion.getByRole('button', { name: 'Cancel', exact: true }).click()
  await expect(window.getByRole('group', { name: 'Running (you)', exact: true })).toBeVisible()
})

test('a malformed deep link is ignored', async ({ parley }) => {
  const { window } = await parley({
    serverUrl: server.url,
    args: ['parley://join/bad id?server=javascript:alert(1)'],
  })
  await signInThroughUi(window, 'Careful')
  await expect(window.getByRole('button', { name: 'Join call', exact: true })).toBeVisible()
  await expect(window.getByRole('button', { name: 'Leave call', exact: true })).toHaveCount(0)
})
