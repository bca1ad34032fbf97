/**
 * "Always relay calls" with a relay that does not work: an alert names the cause. A coturn on
 * loopback that is given the wrong password refuses Parley's credentials; a TURN address where
 * nothing listens is unreachable. Each alert names the person whose link it is about.
 */
import { Coturn } from '../fixtures/coturn'
import { freePort } from '../fixtures/ports'
import { expect, test, uniqueCallId, type CallClient } from '../fixtures/call-client'
import { watchPageErrors } from './in-call-helpers'

const relay = Coturn.forSpecs()

function relayAlert(client: CallClient) {
  return client.page.getByRole('alert').filter({ hasText: /^Relayed link to/ })
}

test('a relay that refuses the credentials is named as such', async ({ clients }) => {
  test.setTimeout(120_000)
  await relay().withServer('udp', { turnCredential: 'not-the-secret' }, async (server) => {
    const callId = uniqueCallId('relay-refused')
    const alice = await clients.open(server.url, 'Alice', { callId, relay: true })
    const bob = await clients.open(server.url, 'Bob', { callId, relay: true })
    const errors = watchPageErrors([alice, bob])
    await expect(relayAlert(alice)).toHaveText(
      "Relayed link to Bob failed: the relay refused Parley's credentials. Ask the server's admin to check the TURN secret.",
      { timeout: 60_000 },
    )
    await expect(relayAlert(bob)).toContainText('Relayed link to Alice failed: the relay refused')
    // coturn did turn the password down: the cause named is the real one.
    expect(relay().logText).toMatch(/401|[Uu]nauthori[sz]ed|check_stun_auth/)
    errors.expectNone()
  })
})

test('a relay where nothing answers is named unreachable', async ({ clients }) => {
  test.setTimeout(150_000)
  const deadPort = await freePort()
  const deadRelay = { turnUrls: [`turn:127.0.0.1:${deadPort}?transport=udp`] }
  await relay().withServer('udp', deadRelay, async (server) => {
    const callId = uniqueCallId('relay-dead')
    const alice = await clients.open(server.url, 'Alice', { callId, relay: true })
    const bob = await clients.open(server.url, 'Bob', { callId, relay: true })
    const errors = watchPageErrors([alice, bob])
    await expect(relayAlert(alice)).toHaveText(
      "Relayed link to Bob failed: the server's relay could not be reached. Turn off Always relay calls, or ask the server's admin to check the TURN server.",
      { timeout: 90_000 },
    )
    await expect(relayAlert(alice)).not.toContainText('credentials')
    errors.expectNone()
  })
})

test('a working relay raises no such alert', async ({ clients }) => {
  await relay().withServer('udp', {}, async (server) => {
    const callId = uniqueCallId('relay-fine')
    const alice = await clients.open(server.url, 'Alice', { callId, relay: true })
    const bob = await clients.open(server.url, 'Bob', { callId, relay: true })
    await expect(alice.tile('Bob').getByRole('img', { name: 'Connection: relayed' })).toBeVisible()
    await expect(bob.tile('Alice').getByRole('img', { name: 'Connection: relayed' })).toBeVisible()
    await expect(relayAlert(alice)).toHaveCount(0)
    await expect(relayAlert(bob)).toHaveCount(0)
  })
})
