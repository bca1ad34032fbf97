/**
 * "Always relay calls" with a relay that does not work: an alert names the cause. A coturn on
 * loopback that is given the wrong password refuses Parley's credentials; a TURN address where
 * nothing listens is unreachable. Each alert names the person whose link it is about.
 */
import { Coturn } from '../fixtures/coturn'
import { ParleyServer } from '../fixtures/parley-server'
import { freePort } from '../fixtures/ports'
import { expect, test, uniqueCallId, type CallClient } from '../fixtures/call-client'
import { watchPageErrors } from './in-call-helpers'

let turn: Coturn

test.beforeAll(async () => {
  test.skip(!Coturn.available(), 'coturn (turnserver) is not installed')
  turn = await Coturn.start()
})

test.afterAll(async () => {
  await turn?.stop()
})

function relayAlert(client: CallClient) {
  return client.page.getByRole('alert').filter({ hasText: /^Relayed link to/ })
}

test('a relay that refuses the credentials is named as such', async ({ clients }) => {
  test.setTimeout(120_000)
  const server = await ParleyServer.start({
    turnUrls: [turn.url('udp')],
    turnUsername: turn.username,
    turnCredential: 'not-the-secret',
  })
  try {
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
    expect(turn.logText).toMatch(/401|[Uu]nauthori[sz]ed|check_stun_auth/)
    errors.expectNone()
  } finally {
    await server.stop()
  }
})

test('a relay where nothing answers is named unreachable', async ({ clients }) => {
  test.setTimeout(150_000)
  const deadPort = await freePort()
  const server = await ParleyServer.start({
    turnUrls: [`turn:127.0.0.1:${deadPort}?transport=udp`],
    turnUsername: turn.username,
    turnCredential: turn.credential,
  })
  try {
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
  } finally {
    await server.stop()
  }
})

test('a working relay raises no such alert', async ({ clients }) => {
  const server = await ParleyServer.start({
    turnUrls: [turn.url('udp')],
    turnUsername: turn.username,
    turnCredential: turn.credential,
  })
  try {
    const callId = uniqueCallId('relay-fine')
    const alice = await clients.open(server.url, 'Alice', { callId, relay: true })
    const bob = await clients.open(server.url, 'Bob', { callId, relay: true })
    await expect(alice.tile('Bob').getByRole('img', { name: 'Connection: relayed' })).toBeVisible()
    await expect(bob.tile('Alice').getByRole('img', { name: 'Connection: relayed' })).toBeVisible()
    await expect(relayAlert(alice)).toHaveCount(0)
    await expect(relayAlert(bob)).toHaveCount(0)
  } finally {
    await server.stop()
  }
})
