/**
 * People and notices with three people: the People panel lists everyone with their state in
 * words, the live region says who joined, left, shares a screen, muted or turned a camera off, joins and leaves make a sound
 * unless turned off (remembered), and a join raises a system notification while Parley is away.
 */
import { ParleyServer } from '../fixtures/parley-server'
import { expect, test, uniqueCallId, type CallClient } from '../fixtures/call-client'
import { notices, watchPageErrors } from './in-call-helpers'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

/**
 * Records the sounds played (generated tones play through an <audio> element) and the system
 * notifications shown, with Parley's window reported as not focused and notifications allowed.
 */
const recordSoundsAndNotifications = `
  window.soundsPlayed = 0
  const play = HTMLMediaElement.prototype.play
  HTMLMediaElement.prototype.play = function () {
    if (this instanceof HTMLAudioElement) window.soundsPlayed++
    return play.call(this)
  }
  window.notificationsShown = []
  class RecordingNotification {
    static permission = 'granted'
    static requestPermission() { return Promise.resolve('granted') }
    constructor(title, options) { window.notificationsShown.push({ title, body: options && options.body }) }
    close() {}
  }
  window.Notification = RecordingNotification
  document.hasFocus = () => false
`

function soundsPlayed(client: CallClient): Promise<number> {
  return client.page.evaluate('window.soundsPlayed').then(Number)
}

function notificationTitles(client: CallClient): Promise<string[]> {
  return client.page
    .evaluate('window.notificationsShown')
    .then((shown) => (shown as { title: string }[]).map((notification) => notification.title))
}

function peoplePanel(client: CallClient) {
  return client.page.getByRole('complementary', { name: 'People' })
}

test('People lists everyone, you first, with their state in words', async ({ clients }) => {
  const callId = uniqueCallId('people')
  const alice = await clients.open(server.url, 'Alice', { callId })
  const bob = await clients.open(server.url, 'Bob', { callId })
  const errors = watchPageErrors([alice, bob])
  await expect(alice.button('People, 2')).toBeVisible()
  const carol = await clients.open(server.url, 'Carol', { callId })
  await expect(alice.button('People, 3')).toBeVisible()

  await alice.button('People, 3').click()
  await expect(alice.button('People, 3')).toHaveAttribute('aria-expanded', 'true')
  const panel = peoplePanel(alice)
  const rows = panel.getByRole('listitem')
  await expect(rows).toHaveCount(3)
  await expect(rows.nth(0)).toContainText('Alice (you)')
  await expect(rows.nth(1)).toContainText('Bob')
  await expect(rows.nth(2)).toContainText('Carol')
  // Everyone's fake microphone beeps.
  await expect(rows.nth(0)).toContainText('speaking')
  await expect(rows.nth(1)).toContainText('speaking')

  await bob.button('Mute microphone').click()
  await carol.button('Turn off camera').click()
  await bob.button('Share screen').click()
  await expect(rows.nth(1)).toContainText('muted')
  await expect(rows.nth(1)).toContainText('sharing')
  await expect(rows.nth(1)).not.toContainText('speaking')
  await expect(rows.nth(2)).toContainText('camera off')
  await expect(rows.nth(2)).not.toContainText('muted')

  await carol.leave()
  await expect(rows).toHaveCount(2)
  await expect(alice.button('People, 2')).toBeVisible()

  await panel.getByRole('button', { name: 'Close people' }).click()
  await expect(panel).toHaveCount(0)
  await expect(alice.button('People, 2')).toBeFocused()
  errors.expectNone()
})

test('the live region tells joins, leaves, screen shares, mutes and cameras, with sounds and a notification', async ({
  clients,
}) => {
  const callId = uniqueCallId('notices')
  const alice = await clients.open(server.url, 'Alice', {
    callId,
    initScript: recordSoundsAndNotifications,
  })
  const bob = await clients.open(server.url, 'Bob', { callId })
  const errors = watchPageErrors([alice, bob])
  const region = notices(alice)

  await expect(region).toContainText('Bob joined')
  await expect.poll(() => soundsPlayed(alice)).toBe(1)
  expect(await notificationTitles(alice)).toEqual(['Bob joined'])
  // Bob arrived to find Alice there: that is where he starts, not news.
  await expect(notices(bob)).not.toContainText('Alice joined')

  await bob.button('Share screen').click()
  await expect(region).toContainText('Bob is sharing their screen')
  // What others change is told too, not only who comes and goes.
  await bob.button('Mute microphone').click()
  await expect(region).toContainText('Bob muted their microphone')
  await bob.button('Turn off camera').click()
  await expect(region).toContainText('Bob turned their camera off')
  await bob.button('Unmute microphone').click()
  await expect(region).toContainText('Bob unmuted their microphone')
  await bob.button('Stop sharing').click()
  await expect(region).toContainText('Bob stopped sharing their screen')

  await bob.leave()
  await expect(region).toContainText('Bob left')
  await expect.poll(() => soundsPlayed(alice)).toBe(2)
  // Leaving is not worth a notification.
  expect(await notificationTitles(alice)).toEqual(['Bob joined'])

  // Sounds off: the next join is announced but silent, and the choice outlives a reload.
  await alice.button('People, 1').click()
  const sounds = peoplePanel(alice).getByRole('checkbox', {
    name: 'Play a sound when someone joins or leaves',
  })
  await expect(sounds).toBeChecked()
  await sounds.uncheck()
  await clients.open(server.url, 'Dan', { callId })
  await expect(region).toContainText('Dan joined')
  expect(await soundsPlayed(alice)).toBe(2)

  // A reload starts a new session: Alice signs in again and opens a call of her own.
  await alice.page.reload()
  await alice.button('Sign in').click()
  await alice.page.getByLabel('Call ID').fill(`${callId}-again`)
  await alice.join()
  await alice.joined()
  await alice.button('People, 1').click()
  await expect(sounds).not.toBeChecked()
  await clients.open(server.url, 'Erin', { callId: `${callId}-again` })
  await expect(notices(alice)).toContainText('Erin joined')
  expect(await soundsPlayed(alice)).toBe(0)
  errors.expectNone()
})

test('People lists you first, then raised hands in the order they went up, then the rest', async ({
  clients,
}) => {
  const callId = uniqueCallId('people-hands')
  // Hands and order are under test, not video: only Alice's camera is on.
  const alice = await clients.open(server.url, 'Alice', { callId })
  const bob = await clients.open(server.url, 'Bob', { callId, camera: false })
  const carol = await clients.open(server.url, 'Carol', { callId, camera: false })
  const dan = await clients.open(server.url, 'Dan', { callId, camera: false })
  const errors = watchPageErrors([alice, bob, carol, dan])
  await expect(alice.button('People, 4')).toBeVisible()
  await alice.button('People, 4').click()
  const rows = peoplePanel(alice).getByRole('listitem')
  const order = async () =>
    (await rows.locator('.people-panel__name').allTextContents()).map(
      (text) => /(Alice|Bob|Carol|Dan)/.exec(text)?.[1],
    )
  await expect.poll(order).toEqual(['Alice', 'Bob', 'Carol', 'Dan'])

  // Dan, then Bob; each raised once their links carry messages (seen on Alice's People).
  await expect(async () => {
    // Raised once: a retry that clicked again would wait for a Raise hand button that is gone.
    if (await dan.button('Raise hand').isVisible()) await dan.button('Raise hand').click()
    await expect(rows.nth(1)).toContainText('Dan', { timeout: 2_000 })
  }).toPass()
  await expect(async () => {
    if (await bob.button('Raise hand').isVisible()) await bob.button('Raise hand').click()
    await expect(rows.nth(2)).toContainText('Bob', { timeout: 2_000 })
  }).toPass()
  await expect.poll(order).toEqual(['Alice', 'Dan', 'Bob', 'Carol'])
  await expect(rows.nth(1)).toContainText('hand raised')
  await expect(rows.nth(2)).toContainText('hand raised')

  // Your own hand does not move you: you stay first.
  await alice.button('Raise hand').click()
  await expect(rows.nth(0)).toContainText('hand raised')
  await expect.poll(order).toEqual(['Alice', 'Dan', 'Bob', 'Carol'])

  // A lowered hand goes back among the rest, in join order.
  await dan.button('Lower hand').click()
  await expect.poll(order).toEqual(['Alice', 'Bob', 'Carol', 'Dan'])
  errors.expectNone()
})

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 375, height: 720 },
]) {
  test(`Chat and People never overlap at ${viewport.width}x${viewport.height}: one side panel at a time`, async ({
    clients,
  }) => {
    const callId = uniqueCallId('panels')
    const alice = await clients.open(server.url, 'Alice', { callId })
    const bob = await clients.open(server.url, 'Bob', { callId })
    const errors = watchPageErrors([alice, bob])
    await alice.page.setViewportSize(viewport)
    await expect(alice.tile('Bob')).toBeVisible()
    const people = peoplePanel(alice)
    const chat = alice.page.getByRole('complementary', { name: 'Chat' })

    // People from its button (in the bar or under More), then Chat from its shortcut.
    await openPeople(alice)
    await expect(people).toBeVisible()
    await alice.page.keyboard.press('Control+Alt+C')
    await expect(chat).toBeVisible()
    await expect(people).toHaveCount(0)
    await expectInsideWindow(alice, chat)

    // And back: People takes Chat's place.
    await openPeople(alice)
    await expect(people).toBeVisible()
    await expect(chat).toHaveCount(0)
    await expectInsideWindow(alice, people)
    errors.expectNone()
  })
}

/** Opens People through its bar button, or through "More" where the bar is compact. */
async function openPeople(client: CallClient): Promise<void> {
  // The bar settles its layout once it has measured itself: retry until the panel shows. Each
  // click gives up soon (a button that moved into More would otherwise be waited for until the
  // test's own timeout), and a menu left open by a failed try is closed first.
  const quickly = { timeout: 3_000 }
  await expect(async () => {
    const menu = client.page.getByRole('menu', { name: 'More' })
    if (await menu.isVisible()) await client.page.keyboard.press('Escape')
    const inBar = client.page.getByRole('button', { name: /^People, \d+$/ })
    if (await inBar.isVisible()) await inBar.click(quickly)
    else {
      await client.button('More').click(quickly)
      await client.page.getByRole('menuitem', { name: /^People, \d+$/ }).click(quickly)
    }
    await expect(peoplePanel(client)).toBeVisible({ timeout: 2_000 })
  }).toPass()
}

async function expectInsideWindow(
  client: CallClient,
  panel: ReturnType<typeof peoplePanel>,
): Promise<void> {
  const box = await panel.boundingBox()
  const size = client.page.viewportSize()
  if (!box || !size) throw new Error('no panel box or viewport')
  expect(box.x).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width).toBeLessThanOrEqual(size.width + 0.5)
}
