/**
 * Relay-only calls through a real coturn on loopback, over UDP and over TCP: `?relay=1` makes the
 * web host ask for iceTransportPolicy 'relay', the tiles say "relayed", and coturn logged the
 * allocations that carried the media.
 */
import { Coturn } from '../fixtures/coturn'
import { expect, expectDecoding, test, uniqueCallId } from '../fixtures/call-client'

const relay = Coturn.forSpecs()

for (const transport of ['udp', 'tcp'] as const) {
  test(`a relay-only call through coturn over ${transport.toUpperCase()}`, async ({ clients }) => {
    const logOffset = relay().logText.length
    await relay().withServer(transport, {}, async (server) => {
      const callId = uniqueCallId(`relay-${transport}`)
      const alice = await clients.open(server.url, 'Alice', { callId, relay: true })
      const bob = await clients.open(server.url, 'Bob', { callId, relay: true })

      await expectDecoding(bob.tile('Alice'))
      await expectDecoding(alice.tile('Bob'))
      // The route the engine read from getStats, as the tile's connection badge shows it.
      await expect(
        alice.tile('Bob').getByRole('img', { name: 'Connection: relayed' }),
      ).toBeVisible()
      await expect(
        bob.tile('Alice').getByRole('img', { name: 'Connection: relayed' }),
      ).toBeVisible()
      // coturn made allocations for these clients, over this transport and no other.
      const logSinceStart = (): string => relay().logText.slice(logOffset)
      await expect.poll(() => /ALLOCATE processed, success/.test(logSinceStart())).toBe(true)
      const overTcp = /tcp or tls connected to/.test(logSinceStart())
      expect(overTcp).toBe(transport === 'tcp')
    })
  })
}

test('the TURN server drops out mid-call: links recover on their own once it is back', async ({
  clients,
}) => {
  test.setTimeout(150_000)
  await relay().withServer('udp', {}, async (server) => {
    const callId = uniqueCallId('turn-outage')
    const alice = await clients.open(server.url, 'Alice', { callId, relay: true })
    const bob = await clients.open(server.url, 'Bob', { callId, relay: true })
    await expectDecoding(bob.tile('Alice'))
    await expectDecoding(alice.tile('Bob'))

    // Relay-only media has no other path: the links notice and start the recovery ladder.
    await relay().stop()
    await expect(
      alice.tile('Bob').getByRole('img', { name: 'Connection: reconnecting' }),
    ).toBeVisible({
      timeout: 45_000,
    })

    await relay().start()
    // ICE restarts (or a fresh link) get new allocations; pictures come back without anyone
    // pressing anything.
    for (const [viewer, other] of [
      [alice, 'Bob'],
      [bob, 'Alice'],
    ] as const) {
      await expect(
        viewer.tile(other).getByRole('img', { name: 'Connection: relayed' }),
      ).toBeVisible({
        timeout: 60_000,
      })
      await expectDecoding(viewer.tile(other))
    }
  })
})
