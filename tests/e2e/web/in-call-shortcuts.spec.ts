/**
 * Keyboard shortcuts in a call: Ctrl+D, Ctrl+E and Ctrl+Shift+S act as their buttons do and reach
 * the other side; holding Space talks while muted; "?" lists the shortcuts in a dialog; each
 * control's tooltip shows its shortcut. (Chromium here runs on Linux: Ctrl, not Cmd.)
 */
import { ParleyServer } from '../fixtures/parley-server'
import { expect, expectDecoding, test, uniqueCallId } from '../fixtures/call-client'
import { watchPageErrors } from './in-call-helpers'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

test('Ctrl+D, Ctrl+E and Ctrl+Shift+S toggle the microphone, camera and screen', async ({
  clients,
}) => {
  const callId = uniqueCallId('shortcuts')
  const alice = await clients.open(server.url, 'Alice', { callId })
  const bob = await clients.open(server.url, 'Bob', { callId })
  const errors = watchPageErrors([alice, bob])
  const aliceAtBob = bob.tile('Alice')
  await expectDecoding(aliceAtBob)
  const keyboard = alice.page.keyboard

  await expect(alice.button('Mute microphone')).toHaveAttribute('title', 'Mute microphone (Ctrl+D)')
  await expect(alice.button('Turn off camera')).toHaveAttribute('title', 'Turn off camera (Ctrl+E)')
  await expect(alice.button('Share screen')).toHaveAttribute('title', 'Share screen (Ctrl+Shift+S)')

  await keyboard.press('Control+d')
  await expect(alice.button('Unmute microphone')).toBeVisible()
  await expect(aliceAtBob.getByRole('img', { name: 'Microphone muted' })).toBeVisible()
  await expect(alice.button('Unmute microphone')).toHaveAttribute(
    'title',
    'Unmute microphone (Ctrl+D)',
  )
  await keyboard.press('Control+d')
  await expect(alice.button('Mute microphone')).toBeVisible()
  await expect(aliceAtBob.getByRole('img', { name: 'Microphone muted' })).toHaveCount(0)

  await keyboard.press('Control+e')
  await expect(alice.button('Turn on camera')).toBeVisible()
  await expect(aliceAtBob.getByRole('img', { name: 'Camera off' })).toBeVisible()
  await keyboard.press('Control+e')
  await expect(alice.button('Turn off camera')).toBeVisible()
  await expect(aliceAtBob.getByRole('img', { name: 'Camera off' })).toHaveCount(0)

  await keyboard.press('Control+Shift+S')
  await expect(alice.button('Stop sharing')).toBeVisible()
  await expectDecoding(bob.screenTile('Alice'))
  await keyboard.press('Control+Shift+S')
  await expect(alice.button('Share screen')).toBeVisible()
  await expect(bob.screenTile('Alice')).toHaveCount(0)

  // Not wired here yet: nothing happens and nothing breaks.
  await keyboard.press('Control+Alt+h')
  await keyboard.press('Control+Alt+c')
  await expect(alice.button('Share screen')).toBeVisible()
  errors.expectNone()
})

test('holding Space talks while muted, and letting go mutes again', async ({ clients }) => {
  const callId = uniqueCallId('push-to-talk')
  const alice = await clients.open(server.url, 'Alice', { callId })
  const bob = await clients.open(server.url, 'Bob', { callId })
  const errors = watchPageErrors([alice, bob])
  const mutedAtBob = bob.tile('Alice').getByRole('img', { name: 'Microphone muted' })
  await alice.button('Mute microphone').click()
  await expect(mutedAtBob).toBeVisible()
  // Space on a focused button presses it; push-to-talk is for the rest of the page.
  await alice.page.getByRole('heading', { name: `Call ${callId}` }).focus()

  await alice.page.keyboard.down('Space')
  await expect(alice.button('Mute microphone')).toBeVisible()
  await expect(mutedAtBob).toHaveCount(0)
  await expect(bob.tile('Alice')).toHaveAccessibleDescription('speaking')
  await alice.page.keyboard.up('Space')
  await expect(alice.button('Unmute microphone')).toBeVisible()
  await expect(mutedAtBob).toBeVisible()

  // Unmuted, Space does nothing to the microphone.
  await alice.button('Unmute microphone').click()
  await alice.page.getByRole('heading', { name: `Call ${callId}` }).focus()
  await alice.page.keyboard.down('Space')
  await alice.page.keyboard.up('Space')
  await expect(alice.button('Mute microphone')).toBeVisible()
  await expect(mutedAtBob).toHaveCount(0)
  errors.expectNone()
})

test('"?" lists the shortcuts in a dialog that Escape closes', async ({ clients }) => {
  const alice = await clients.open(server.url, 'Alice', { callId: uniqueCallId('help') })
  const errors = watchPageErrors([alice])
  await alice.page.keyboard.press('Shift+?')
  const dialog = alice.page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(dialog).toBeVisible()
  const rows = dialog.getByRole('row')
  await expect(dialog.getByRole('row', { name: /Ctrl\+D\s+Mute or unmute/ })).toBeVisible()
  await expect(dialog.getByRole('row', { name: /Hold Space\s+Talk while muted/ })).toBeVisible()
  await expect(dialog.getByRole('row', { name: /Ctrl\+E\s+Turn the camera/ })).toBeVisible()
  await expect(
    dialog.getByRole('row', { name: /Ctrl\+Shift\+S\s+Share your screen/ }),
  ).toBeVisible()
  await expect(
    dialog.getByRole('row', { name: /Ctrl\+Alt\+H\s+Raise or lower your hand/ }),
  ).toBeVisible()
  await expect(dialog.getByRole('row', { name: /Ctrl\+Alt\+C\s+Open or close chat/ })).toBeVisible()
  await expect(dialog.getByRole('row', { name: /\?\s+Show keyboard shortcuts/ })).toBeVisible()
  // A header row and the seven shortcuts.
  await expect(rows).toHaveCount(8)

  await alice.page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  // Still in the call, still unmuted.
  await expect(alice.button('Mute microphone')).toBeVisible()
  errors.expectNone()
})
