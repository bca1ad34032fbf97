/**
 * Recording: "Record" composites the stage and mixes everyone's voice, "Stop recording" downloads
 * a .webm (960x540) that ffprobe (Debian's ffmpeg) reads as one video and one audio stream, each as long as
 * the recording ran.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { ParleyServer } from '../fixtures/parley-server'
import { expect, expectDecoding, test, uniqueCallId } from '../fixtures/call-client'
import { watchPageErrors } from './in-call-helpers'

const run = promisify(execFile)
let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

interface ProbedStream {
  codec_type: string
  codec_name: string
  width?: number
  height?: number
}

async function probeStreams(file: string): Promise<ProbedStream[]> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', file])
  return (JSON.parse(stdout) as { streams: ProbedStream[] }).streams
}

/**
 * A MediaRecorder webm has no duration in its header: the last packet of a stream says how far
 * the stream reaches, in seconds.
 */
async function streamLength(file: string, stream: 'v:0' | 'a:0'): Promise<number> {
  const { stdout } = await run(
    'ffprobe',
    [
      '-v',
      'error',
      '-select_streams',
      stream,
      '-show_entries',
      'packet=pts_time',
      '-of',
      'csv=p=0',
      file,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  )
  const times = stdout
    .split('\n')
    .map((line) => Number.parseFloat(line))
    .filter((time) => Number.isFinite(time))
  return Math.max(...times)
}

test('a recording of the call is a webm with video and audio of the right length', async ({
  clients,
}, testInfo) => {
  // Two calling pages plus an encoder: slow on a shared two-core machine.
  test.setTimeout(180_000)
  const callId = uniqueCallId('recording')
  const alice = await clients.open(server.url, 'Alice', { callId })
  const bob = await clients.open(server.url, 'Bob', { callId })
  const errors = watchPageErrors([alice, bob])
  await expectDecoding(alice.tile('Bob'))

  await alice.button('Record').click()
  const startedAt = Date.now()
  await expect(alice.button('Stop recording')).toBeVisible()
  const badge = alice.page.getByText(/^Recording \d+:\d\d/)
  await expect(badge).toBeVisible()
  // Let it run a few seconds, read from the badge's own clock.
  await expect
    .poll(async () => {
      const [, minutes, seconds] = /(\d+):(\d\d)/.exec((await badge.textContent()) ?? '') ?? []
      return Number(minutes) * 60 + Number(seconds)
    })
    .toBeGreaterThanOrEqual(5)

  const download = alice.page.waitForEvent('download')
  await alice.button('Stop recording').click()
  const stoppedAt = Date.now()
  const file = await download
  expect(file.suggestedFilename()).toMatch(
    new RegExp(`^parley-${callId}-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.webm$`),
  )
  const path = testInfo.outputPath('recording.webm')
  await file.saveAs(path)
  await expect(alice.button('Record')).toBeVisible()

  const streams = await probeStreams(path)
  expect(streams.map((stream) => stream.codec_type).sort()).toEqual(['audio', 'video'])
  const video = streams.find((stream) => stream.codec_type === 'video')
  expect(video).toMatchObject({ width: 960, height: 540 })

  // As long as the button was on, give or take the chunk and the clicks' travel on a busy machine.
  const ranFor = (stoppedAt - startedAt) / 1000
  for (const stream of ['v:0', 'a:0'] as const) {
    const length = await streamLength(path, stream)
    expect(length, `${stream} length`).toBeGreaterThan(ranFor - 2)
    expect(length, `${stream} length`).toBeLessThan(ranFor + 2)
  }
  errors.expectNone()
})
