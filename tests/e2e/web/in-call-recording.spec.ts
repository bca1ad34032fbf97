/**
 * Recording: "Record" composites the stage and mixes everyone's voice into a .webm (960x540) that
 * ffprobe (Debian's ffmpeg) reads as one video and one audio stream, each as long as the
 * recording ran. Where the File System Access API exists, the chunks are written to the picked
 * file as they arrive (the picker is stood in for by a file in the page's origin-private file
 * system, read back after); where it does not, "Stop recording" downloads the file.
 */
import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { ParleyServer } from '../fixtures/parley-server'
import type { Page } from '@playwright/test'
import {
  expect,
  expectDecoding,
  test,
  uniqueCallId,
  type CallClient,
} from '../fixtures/call-client'
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

/** A browser without the File System Access API: the recording is held, then downloaded. */
const WITHOUT_FILE_PICKER = 'delete window.showSaveFilePicker'

/**
 * showSaveFilePicker stood in for by a file in the origin-private file system, its writable
 * wrapped to count the writes made while the recording runs and to note when it is closed.
 */
const OPFS_FILE_PICKER = `
  window.__picked = { names: [], writes: 0, closed: false }
  window.__readPicked = async () => {
    const root = await navigator.storage.getDirectory()
    const file = await (await root.getFileHandle('recording.webm')).getFile()
    return [...new Uint8Array(await file.arrayBuffer())]
  }
  window.showSaveFilePicker = async (options) => {
    window.__picked.names.push(options.suggestedName)
    const root = await navigator.storage.getDirectory()
    const handle = await root.getFileHandle('recording.webm', { create: true })
    return {
      async createWritable() {
        const writable = await handle.createWritable()
        return {
          async write(data) {
            await writable.write(data)
            window.__picked.writes += 1
          },
          async close() {
            await writable.close()
            window.__picked.closed = true
          },
        }
      },
    }
  }
`

interface PickedFile {
  names: string[]
  writes: number
  closed: boolean
}

interface PickerPage {
  __picked: PickedFile
  __readPicked(): Promise<number[]>
}

const picked = (page: Page) => page.evaluate(() => (globalThis as unknown as PickerPage).__picked)

/** Starts a recording and lets it run a few seconds, read from the badge's own clock. */
async function recordFewSeconds(alice: CallClient): Promise<number> {
  await alice.button('Record').click()
  const startedAt = Date.now()
  await expect(alice.button('Stop recording')).toBeVisible()
  const badge = alice.page.getByText(/^Recording \d+:\d\d/)
  await expect(badge).toBeVisible()
  await expect
    .poll(async () => {
      const [, minutes, seconds] = /(\d+):(\d\d)/.exec((await badge.textContent()) ?? '') ?? []
      return Number(minutes) * 60 + Number(seconds)
    })
    .toBeGreaterThanOrEqual(5)
  return startedAt
}

/** Two streams of the right size, each as long as the button was on (give or take a chunk). */
async function expectPlayableRecording(path: string, ranFor: number): Promise<void> {
  const streams = await probeStreams(path)
  expect(streams.map((stream) => stream.codec_type).sort()).toEqual(['audio', 'video'])
  const video = streams.find((stream) => stream.codec_type === 'video')
  expect(video).toMatchObject({ width: 960, height: 540 })
  for (const stream of ['v:0', 'a:0'] as const) {
    const length = await streamLength(path, stream)
    expect(length, `${stream} length`).toBeGreaterThan(ranFor - 2)
    expect(length, `${stream} length`).toBeLessThan(ranFor + 2)
  }
}

test('a recording is written to the picked file as it goes: a webm with video and audio of the right length', async ({
  clients,
}, testInfo) => {
  test.setTimeout(180_000)
  const callId = uniqueCallId('recording-file')
  const alice = await clients.open(server.url, 'Alice', { callId, initScript: OPFS_FILE_PICKER })
  const bob = await clients.open(server.url, 'Bob', { callId })
  const errors = watchPageErrors([alice, bob])
  await expectDecoding(alice.tile('Bob'))

  const startedAt = await recordFewSeconds(alice)
  const during = await picked(alice.page)
  expect(during.names).toEqual([
    expect.stringMatching(new RegExp(`^parley-${callId}-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.webm$`)),
  ])
  // Chunks reach the file while the recording runs, not only when it stops.
  expect(during.writes).toBeGreaterThanOrEqual(3)
  expect(during.closed).toBe(false)

  await alice.button('Stop recording').click()
  const ranFor = (Date.now() - startedAt) / 1000
  await expect(alice.button('Record')).toBeVisible()
  await expect.poll(async () => (await picked(alice.page)).closed).toBe(true)
  await expect(alice.page.getByRole('log', { name: 'Notices' })).toContainText('Recording saved')

  const bytes = await alice.page.evaluate(() =>
    (globalThis as unknown as PickerPage).__readPicked(),
  )
  const path = testInfo.outputPath('recording.webm')
  await writeFile(path, Uint8Array.from(bytes))
  await expectPlayableRecording(path, ranFor)
  errors.expectNone()
})

test('without a file picker, the recording downloads when it stops', async ({
  clients,
}, testInfo) => {
  // Two calling pages plus an encoder: slow on a shared two-core machine.
  test.setTimeout(180_000)
  const callId = uniqueCallId('recording')
  const alice = await clients.open(server.url, 'Alice', { callId, initScript: WITHOUT_FILE_PICKER })
  const bob = await clients.open(server.url, 'Bob', { callId })
  const errors = watchPageErrors([alice, bob])
  await expectDecoding(alice.tile('Bob'))

  const startedAt = await recordFewSeconds(alice)
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
  await expectPlayableRecording(path, (stoppedAt - startedAt) / 1000)
  errors.expectNone()
})
