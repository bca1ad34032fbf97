/**
 * A long call outlives many access tokens. The server closes a socket whose token expired, so each
 * client renews its socket a moment before (a fresh token, a reconnect, a rejoin). With a token
 * lifetime of a minute, three people go through several renewals each, and nobody notices:
 * no tile says "Reconnecting...", no leave or join is announced, no alert says the sign-in
 * expired, pictures keep moving, and every peer link is the one from before.
 */
import { ParleyServer } from '../fixtures/parley-server'
import { marksSince, recoveryTimeline } from '../fixtures/recovery-timeline'
import {
  expect,
  expectFullMesh,
  test,
  tileStreamId,
  uniqueCallId,
  type CallClient,
} from '../fixtures/call-client'

/**
 * Short, so a few minutes hold several renewals; long enough that the host's own renewal margin
 * (a fifth of the lifetime, counted from when its token arrived, which on a loaded machine is
 * seconds after the server signed it) still falls before the client's renewal moment (3 s before
 * expiry: signaling-client.ts), with seconds to reconnect before the server would close the socket.
 */
const TOKEN_TTL_SECONDS = 60
const RENEWALS_PER_PERSON = 2
/** Frames must move in every window this long (a loaded machine slows decoding, never to 0). */
const FRAME_WINDOW_MS = 5_000

interface Sample {
  t: number
  tiles: Record<string, { frames: number | null; text: string }>
  alert: string
}

interface Watch {
  samples: Sample[]
  /** Every notice added to the notices region, with when. */
  notices: { t: number; text: string }[]
}

/** Runs in the page before the app: what the person saw, ten times a second, and each notice. */
const watchScript = `
  globalThis.__renewalWatch = { samples: [], notices: [] }
  setInterval(() => {
    const tiles = {}
    for (const tile of document.querySelectorAll('[role="group"][aria-label]')) {
      const video = tile.querySelector('video')
      tiles[tile.getAttribute('aria-label')] = {
        frames: video ? video.getVideoPlaybackQuality().totalVideoFrames : null,
        text: tile.textContent || '',
      }
    }
    const alert = document.querySelector('[role="alert"]')
    globalThis.__renewalWatch.samples.push({
      t: Date.now(), tiles,
      alert: alert ? alert.textContent || '' : '',
    })
  }, 100)
  new MutationObserver((records) => {
    for (const record of records) {
      const region = record.target instanceof Element
        ? record.target.closest('[role="log"][aria-label="Notices"]') : null
      if (!region) continue
      for (const node of record.addedNodes) {
        globalThis.__renewalWatch.notices.push({ t: Date.now(), text: node.textContent || '' })
      }
    }
  }).observe(document, { childList: true, subtree: true })
`

function watchOf(client: CallClient): Promise<Watch> {
  return client.page.evaluate(
    () => (globalThis as unknown as { __renewalWatch: Watch }).__renewalWatch,
  )
}

async function linkIds(clients: CallClient[]): Promise<Record<string, string | null>> {
  const ids: Record<string, string | null> = {}
  for (const viewer of clients) {
    for (const other of clients) {
      if (other !== viewer) {
        ids[`${viewer.name}->${other.name}`] = await tileStreamId(viewer.tile(other.name))
      }
    }
  }
  return ids
}

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start({ accessTokenTtlSeconds: TOKEN_TTL_SECONDS })
})

test.afterAll(async () => {
  await server.stop()
})

test('sockets renewed before their tokens expire: nobody in the call notices', async ({
  clients,
}) => {
  test.setTimeout(480_000)
  const callId = uniqueCallId('renewal')
  const people: CallClient[] = []
  for (const name of ['Ann', 'Ben', 'Cat']) {
    people.push(await clients.open(server.url, name, { callId, initScript: watchScript }))
  }
  await expectFullMesh(people)
  const linksBefore = await linkIds(people)
  const since = Date.now()

  for (const person of people) {
    await expect
      .poll(() => marksSince(person, 'recovery:socket-renewal', since), {
        timeout: (RENEWALS_PER_PERSON + 2) * TOKEN_TTL_SECONDS * 1000,
        message: `${person.name}'s socket was renewed ${RENEWALS_PER_PERSON} times`,
      })
      .toBeGreaterThanOrEqual(RENEWALS_PER_PERSON)
  }
  const until = Date.now()

  for (const person of people) {
    const watch = await watchOf(person)
    const story = `what happened on ${person.name}'s side: ${await recoveryTimeline(person)}`
    const samples = watch.samples.filter((sample) => sample.t >= since && sample.t <= until)
    expect(samples.length).toBeGreaterThan((until - since) / 1000)
    const others = people.filter((other) => other !== person).map((other) => other.name)
    for (const sample of samples) {
      const when = new Date(sample.t).toISOString()
      // Renewed ahead of expiry: never told that the sign-in expired, nor anything else.
      expect(sample.alert, `${person.name}'s alert at ${when}; ${story}`).toBe('')
      for (const name of others) {
        const tile = sample.tiles[name]
        expect(tile, `${name} on ${person.name}'s screen at ${when}`).toBeDefined()
        expect(
          tile?.text,
          `${name}'s tile on ${person.name}'s screen at ${when}; ${story}`,
        ).not.toMatch(/reconnecting/i)
      }
    }
    // Nobody left, nobody (re)joined, as far as the notices go.
    const notices = watch.notices.filter((notice) => notice.t >= since && notice.t <= until)
    expect(notices.map((notice) => notice.text)).toEqual([])
    // Pictures kept moving: in every window, every remote tile decoded new frames.
    for (const name of others) {
      for (let start = since; start + FRAME_WINDOW_MS <= until; start += FRAME_WINDOW_MS) {
        const window = samples.filter((s) => s.t >= start && s.t <= start + FRAME_WINDOW_MS)
        const first = window[0]?.tiles[name]?.frames ?? 0
        const last = window.at(-1)?.tiles[name]?.frames ?? 0
        expect(
          last,
          `${name}'s frames on ${person.name}'s screen from ${new Date(start).toISOString()}`,
        ).toBeGreaterThan(first)
      }
    }
  }
  // Not one peer link was rebuilt: each tile still plays the stream it played before.
  expect(await linkIds(people)).toEqual(linksBefore)
  await expectFullMesh(people)
})
