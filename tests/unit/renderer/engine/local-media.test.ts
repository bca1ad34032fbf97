/**
 * LocalMedia against a stand-in mediaDevices: which devices it opens, the fallbacks when a saved
 * device is gone or one device is blocked, the request counters that drop a slow result, and
 * the tracks that end by themselves.
 */
import { describe, expect, it } from 'vitest'
import { mediaAccessOf } from '../../../../src/renderer/src/engine/errors'
import {
  LocalMedia,
  trackDeviceId,
  type InputDevice,
  type MediaDevicesLike,
} from '../../../../src/renderer/src/engine/local-media'

class FakeTrack extends EventTarget {
  readonly id: string
  readyState: 'live' | 'ended' = 'live'
  enabled = true
  contentHint = ''
  constructor(
    readonly kind: 'audio' | 'video',
    readonly deviceId: string,
    readonly label: string,
  ) {
    super()
    this.id = `${kind}-${deviceId}-${Math.random()}`
  }
  getSettings() {
    return { deviceId: this.deviceId }
  }
  stop() {
    this.readyState = 'ended'
  }
  /** What the system does when the device is unplugged. */
  unplug() {
    this.readyState = 'ended'
    this.dispatchEvent(new Event('ended'))
  }
}

interface FakeDevice {
  deviceId: string
  kind: 'audioinput' | 'videoinput' | 'audiooutput'
  label: string
}

type Constraint = boolean | { deviceId?: { exact: string } } | undefined

function domError(name: string): DOMException {
  return new DOMException(name, name)
}

/** A stand-in for navigator.mediaDevices with devices to plug, block and slow down. */
class FakeMediaDevices extends EventTarget {
  devices: FakeDevice[] = [
    { deviceId: 'mic-a', kind: 'audioinput', label: 'Mic A' },
    { deviceId: 'mic-b', kind: 'audioinput', label: 'Mic B' },
    { deviceId: 'cam-a', kind: 'videoinput', label: 'Cam A' },
    { deviceId: 'spk-a', kind: 'audiooutput', label: 'Speaker A' },
  ]
  blocked = new Set<'audio' | 'video'>()
  /** Requests wait here while `hold` is set, to be released in any order. */
  hold = false
  readonly held: (() => void)[] = []
  readonly requests: { audio: Constraint; video: Constraint }[] = []
  readonly issued: FakeTrack[] = []

  getUserMedia = async (constraints: { audio?: Constraint; video?: Constraint } = {}) => {
    this.requests.push({ audio: constraints.audio, video: constraints.video })
    if (this.hold) await new Promise<void>((resolve) => this.held.push(resolve))
    const tracks: FakeTrack[] = []
    for (const kind of ['audio', 'video'] as const) {
      const wanted = constraints[kind]
      if (!wanted) continue
      if (this.blocked.has(kind)) throw domError('NotAllowedError')
      const exact = typeof wanted === 'object' ? wanted.deviceId?.exact : undefined
      const device = this.devices.find(
        (candidate) =>
          candidate.kind === (kind === 'audio' ? 'audioinput' : 'videoinput') &&
          (exact === undefined || candidate.deviceId === exact),
      )
      if (!device) throw domError(exact ? 'OverconstrainedError' : 'NotFoundError')
      tracks.push(new FakeTrack(kind, device.deviceId, device.label))
    }
    this.issued.push(...tracks)
    return {
      getAudioTracks: () => tracks.filter((track) => track.kind === 'audio'),
      getVideoTracks: () => tracks.filter((track) => track.kind === 'video'),
    } as unknown as MediaStream
  }

  enumerateDevices = async () =>
    this.devices.map((device) => ({ ...device, groupId: '', toJSON: () => device }))

  /** Runs the held requests, newest first: the order a slow device gives. */
  releaseNewestFirst() {
    for (const resolve of this.held.splice(0).reverse()) resolve()
  }
}

function setUp() {
  const fake = new FakeMediaDevices()
  const ended: { device: InputDevice; track: MediaStreamTrack }[] = []
  const media = new LocalMedia(() => fake as unknown as MediaDevicesLike, {
    onInputEnded: (device, track) => ended.push({ device, track }),
    onScreenEnded: () => undefined,
  })
  return { fake, media, ended }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('LocalMedia', () => {
  it('opens both devices in one request, the saved ones exactly', async () => {
    const { fake, media } = setUp()
    const opened = await media.open({ audioInput: 'mic-b', videoInput: null }, () => true)
    expect(fake.requests).toHaveLength(1)
    expect(trackDeviceId(opened.audio)).toBe('mic-b')
    expect(trackDeviceId(opened.video)).toBe('cam-a')
    expect(media.tracks).toEqual({ audio: opened.audio, camera: opened.video, screen: null })
  })

  it('a saved device that is gone falls back to the default instead of failing', async () => {
    const { media } = setUp()
    const opened = await media.open({ audioInput: 'unplugged-mic', videoInput: null }, () => true)
    expect(trackDeviceId(opened.audio)).toBe('mic-a')
    expect(opened.microphoneError).toBeNull()
  })

  it('a blocked camera leaves a working microphone and says it is blocked', async () => {
    const { fake, media } = setUp()
    fake.blocked.add('video')
    const opened = await media.open({ audioInput: null, videoInput: null }, () => true)
    expect(trackDeviceId(opened.audio)).toBe('mic-a')
    expect(opened.video).toBeNull()
    expect(mediaAccessOf(opened.cameraError)).toBe('blocked')
    expect(opened.bothError).toBeNull()
  })

  it('no camera at all reads as absent, not blocked', async () => {
    const { fake, media } = setUp()
    fake.devices = fake.devices.filter((device) => device.kind !== 'videoinput')
    const opened = await media.open({ audioInput: null, videoInput: null }, () => true)
    expect(opened.audio).not.toBeNull()
    expect(mediaAccessOf(opened.cameraError)).toBe('absent')
  })

  it('a camera turned off while the devices start stays off, its track stopped', async () => {
    const { fake, media } = setUp()
    fake.hold = true
    const opening = media.open({ audioInput: null, videoInput: null }, () => true)
    await tick()
    media.stopCamera()
    fake.releaseNewestFirst()
    const opened = await opening
    expect(opened.video).toBeNull()
    expect(media.camera).toBeNull()
    const video = fake.issued.find((track) => track.kind === 'video')
    expect(video?.readyState).toBe('ended')
  })

  it('asking again for a blocked device opens it once allowed', async () => {
    const { fake, media } = setUp()
    fake.blocked.add('audio')
    const refused = await media.request('microphone', null)
    expect(refused.outcome).toBe('failed')
    expect(refused.outcome === 'failed' && mediaAccessOf(refused.error)).toBe('blocked')
    expect(media.audio).toBeNull()
    fake.blocked.clear()
    const allowed = await media.request('microphone', null)
    expect(allowed.outcome).toBe('opened')
    expect(trackDeviceId(media.audio)).toBe('mic-a')
  })

  it('a slow switch that a later one overtook is dropped and its track stopped', async () => {
    const { fake, media } = setUp()
    await media.open({ audioInput: 'mic-a', videoInput: null }, () => true)
    fake.hold = true
    const first = media.switchTo('microphone', 'mic-b')
    const second = media.switchTo('microphone', '')
    await tick()
    fake.releaseNewestFirst()
    expect((await second).outcome).toBe('opened')
    expect((await first).outcome).toBe('superseded')
    expect(trackDeviceId(media.audio)).toBe('mic-a')
    const stale = fake.issued.find((track) => track.deviceId === 'mic-b')
    expect(stale?.readyState).toBe('ended')
  })

  it('a switch hands back the previous track, still live, for the caller to stop', async () => {
    const { media } = setUp()
    const opened = await media.open({ audioInput: 'mic-a', videoInput: null }, () => true)
    const result = await media.switchTo('microphone', 'mic-b')
    expect(result.outcome).toBe('opened')
    if (result.outcome !== 'opened') return
    expect(result.previous).toBe(opened.audio)
    expect(result.previous?.readyState).toBe('live')
    expect(trackDeviceId(media.audio)).toBe('mic-b')
  })

  it('a switch to a device that is not there fails and keeps the one in use', async () => {
    const { media } = setUp()
    const opened = await media.open({ audioInput: 'mic-a', videoInput: null }, () => true)
    const result = await media.switchTo('microphone', 'nowhere')
    expect(result.outcome).toBe('failed')
    expect(media.audio).toBe(opened.audio)
  })

  it('an input that ends by itself is reported; one replaced or stopped is not', async () => {
    const { media, ended } = setUp()
    const opened = await media.open({ audioInput: null, videoInput: null }, () => true)
    const camera = opened.video as unknown as FakeTrack
    camera.unplug()
    expect(ended).toEqual([{ device: 'camera', track: camera }])
    const first = media.audio as unknown as FakeTrack
    await media.switchTo('microphone', 'mic-b')
    first.unplug()
    expect(ended).toHaveLength(1)
  })

  it('stop() ends everything, and a request settling after it is stopped at once', async () => {
    const { fake, media } = setUp()
    await media.open({ audioInput: null, videoInput: null }, () => true)
    fake.hold = true
    const late = media.request('camera', null)
    await tick()
    media.stop()
    fake.releaseNewestFirst()
    expect((await late).outcome).toBe('superseded')
    expect(media.tracks).toEqual({ audio: null, camera: null, screen: null })
    expect(fake.issued.every((track) => track.readyState === 'ended')).toBe(true)
  })

  it('lists devices with numbered names where labels are hidden, and skips ones without ids', async () => {
    const { fake, media } = setUp()
    fake.devices = [
      { deviceId: '', kind: 'videoinput', label: '' },
      { deviceId: 'mic-x', kind: 'audioinput', label: '' },
      { deviceId: 'mic-y', kind: 'audioinput', label: 'Headset' },
    ]
    expect(await media.listDevices()).toEqual([
      { deviceId: 'mic-x', kind: 'audioinput', label: 'Microphone 1' },
      { deviceId: 'mic-y', kind: 'audioinput', label: 'Headset' },
    ])
  })

  it('follows devicechange until unwatched', async () => {
    const { fake, media } = setUp()
    let changes = 0
    const unwatch = media.watchDevices(() => (changes += 1))
    fake.dispatchEvent(new Event('devicechange'))
    unwatch()
    fake.dispatchEvent(new Event('devicechange'))
    expect(changes).toBe(1)
  })

  it('a page without mediaDevices has no device to open, and lists none', async () => {
    const media = new LocalMedia(() => undefined, {
      onInputEnded: () => undefined,
      onScreenEnded: () => undefined,
    })
    const opened = await media.open({ audioInput: null, videoInput: null }, () => true)
    expect(opened.audio).toBeNull()
    expect(mediaAccessOf(opened.microphoneError)).toBe('absent')
    expect(await media.listDevices()).toEqual([])
  })
})
