/**
 * The lobby's audio check: "Microphone level" moves with the fake microphone's beeps and falls
 * silent when muted; "Test speaker" plays a generated chime on the speaker chosen under Devices.
 */
import { ParleyServer } from '../fixtures/parley-server'
import { expect, test, uniqueCallId, type CallClient } from '../fixtures/call-client'
import { watchPageErrors } from './in-call-helpers'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

/**
 * A second speaker, "Desk speaker", next to the fake devices, and a record of every sound element
 * that plays: which speaker it was routed to and whether audio was flowing into it.
 */
const deskSpeaker = `
  window.playedSounds = []
  // about:blank, where a context's first page starts, has no mediaDevices (not a secure context).
  if (navigator.mediaDevices) {
  const list = navigator.mediaDevices.enumerateDevices.bind(navigator.mediaDevices)
  navigator.mediaDevices.enumerateDevices = async () => [
    ...(await list()),
    { deviceId: 'desk-speaker', groupId: 'desk', kind: 'audiooutput', label: 'Desk speaker', toJSON() { return this } },
  ]
  }
  const sinks = new WeakMap()
  HTMLMediaElement.prototype.setSinkId = function (id) {
    sinks.set(this, id)
    return Promise.resolve()
  }
  const play = HTMLMediaElement.prototype.play
  HTMLMediaElement.prototype.play = function () {
    if (this instanceof HTMLAudioElement) {
      const tracks = this.srcObject ? this.srcObject.getAudioTracks() : []
      window.playedSounds.push({ sinkId: sinks.get(this) ?? '', liveTracks: tracks.filter((t) => t.readyState === 'live').length })
    }
    return play.call(this)
  }
`

interface PlayedSound {
  sinkId: string
  liveTracks: number
}

function playedSounds(client: CallClient): Promise<PlayedSound[]> {
  return client.page.evaluate('window.playedSounds') as Promise<PlayedSound[]>
}

function meterValue(client: CallClient): Promise<number> {
  return client.page
    .getByRole('meter', { name: 'Microphone level' })
    .evaluate((element) => Number((element as unknown as { value: number }).value))
}

test('the microphone meter moves with the voice and rests while muted', async ({ clients }) => {
  const alice = await clients.open(server.url, 'Alice', {
    callId: uniqueCallId('meter'),
    join: false,
  })
  const errors = watchPageErrors([alice])
  await expect(alice.page.getByRole('meter', { name: 'Microphone level' })).toBeVisible()

  // The beeps come and go, so the meter is seen both high and lower again: it moves.
  const seen = new Set<number>()
  await expect
    .poll(
      async () => {
        seen.add(Math.round((await meterValue(alice)) * 20))
        return seen.size
      },
      { message: 'the meter takes several levels' },
    )
    .toBeGreaterThanOrEqual(3)
  expect(Math.max(...seen)).toBeGreaterThan(4)

  await alice.button('Mute microphone').click()
  await expect.poll(() => meterValue(alice)).toBe(0)
  await alice.button('Unmute microphone').click()
  await expect.poll(() => meterValue(alice)).toBeGreaterThan(0.2)
  errors.expectNone()
})

test('"Test speaker" plays a chime on the chosen speaker', async ({ clients }) => {
  const alice = await clients.open(server.url, 'Alice', {
    callId: uniqueCallId('speaker'),
    join: false,
    initScript: deskSpeaker,
  })
  const errors = watchPageErrors([alice])
  const testSpeaker = alice.button('Test speaker')

  await testSpeaker.click()
  await expect(alice.page.getByText('Playing a test sound on the default speaker')).toBeVisible()
  await expect(testSpeaker).toBeEnabled()
  await expect(alice.page.getByText(/Could not play/)).toHaveCount(0)
  expect(await playedSounds(alice)).toEqual([{ sinkId: '', liveTracks: 1 }])

  await alice.page.getByRole('combobox', { name: 'Speaker', exact: true }).selectOption({
    label: 'Desk speaker',
  })
  await testSpeaker.click()
  await expect(alice.page.getByText('Playing a test sound on Desk speaker')).toBeVisible()
  await expect(testSpeaker).toBeEnabled()
  expect((await playedSounds(alice))[1]).toEqual({ sinkId: 'desk-speaker', liveTracks: 1 })
  errors.expectNone()
})
