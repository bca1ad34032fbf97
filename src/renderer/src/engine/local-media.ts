/**
 * The local microphone, camera and screen in one object: opening them, switching devices,
 * stopping them, and the request counters that let a later choice win over a slow getUserMedia.
 * The engine decides what the tracks mean for the call (peers, muted state, errors); this object
 * only owns the tracks and the browser's media devices.
 */
import type { DeviceInfo } from './call-engine-api'
import { mediaAccessOf } from './errors'
import type { LocalTracks } from './peer-link'

export const cameraConstraints: MediaTrackConstraints = {
  // Enough for a tile in a mesh of up to ten; every extra pixel is encoded once per peer.
  width: { ideal: 640 },
  height: { ideal: 480 },
  frameRate: { ideal: 24, max: 30 },
}

export const microphoneConstraints: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
}

/** What of `navigator.mediaDevices` is used: a narrow face, so tests can stand in for it. */
export type MediaDevicesLike = Pick<
  MediaDevices,
  'getUserMedia' | 'enumerateDevices' | 'addEventListener' | 'removeEventListener'
> &
  Partial<Pick<MediaDevices, 'getDisplayMedia'>>

export type InputDevice = 'camera' | 'microphone'

export interface DevicePreferences {
  audioInput: string | null
  videoInput: string | null
}

/** The first open: each device's track, or why it is not there. */
export interface OpenedMedia {
  audio: MediaStreamTrack | null
  video: MediaStreamTrack | null
  /** The error of each device that failed; `both` when even the joint request did. */
  microphoneError: unknown
  cameraError: unknown
  bothError: unknown
}

/** How a request for one device ended. */
export type DeviceRequest =
  | { outcome: 'opened'; track: MediaStreamTrack; previous: MediaStreamTrack | null }
  | { outcome: 'failed'; error: unknown }
  /** A later request (or a stop) came first: this one's track, if any, is already stopped. */
  | { outcome: 'superseded' }

export interface LocalMediaEvents {
  /** A microphone or camera track ended by itself: unplugged, or taken by the system. */
  onInputEnded(device: InputDevice, track: MediaStreamTrack): void
  /** The screen track ended by itself (the browser's own "Stop sharing", a closed window). */
  onScreenEnded(track: MediaStreamTrack): void
}

/** `exact`: a saved choice must not quietly turn into another device that happens to be near. */
export function withDevice(
  base: MediaTrackConstraints,
  deviceId: string | null,
): MediaTrackConstraints {
  return deviceId ? { ...base, deviceId: { exact: deviceId } } : base
}

/** The device a live track comes from; a default request may land on any of them. */
export function trackDeviceId(track: MediaStreamTrack | null): string | null {
  return track?.getSettings().deviceId || null
}

/** The saved device was unplugged, or the browser reset its ids: not a reason to fail. */
function deviceGone(error: unknown): boolean {
  return mediaAccessOf(error) === 'absent'
}

const fallbackLabels: Record<DeviceInfo['kind'], string> = {
  audioinput: 'Microphone',
  videoinput: 'Camera',
  audiooutput: 'Speaker',
}

export class LocalMedia {
  private audioTrack: MediaStreamTrack | null = null
  private cameraTrack: MediaStreamTrack | null = null
  private screenTrack: MediaStreamTrack | null = null
  /** Bumped by every camera request or stop, so a slow getUserMedia cannot undo a later "off". */
  private cameraRequest = 0
  /** Bumped by every microphone request, so a slow one cannot undo a later choice. */
  private microphoneRequest = 0
  private stopped = false

  constructor(
    /** A getter: the page may have no mediaDevices at all (an insecure origin). */
    private readonly mediaDevices: () => MediaDevicesLike | undefined,
    private readonly events: LocalMediaEvents,
  ) {}

  /** A copy: peers get the tracks of the moment, never a live view of this object. */
  get tracks(): LocalTracks {
    return { audio: this.audioTrack, camera: this.cameraTrack, screen: this.screenTrack }
  }

  get audio(): MediaStreamTrack | null {
    return this.audioTrack
  }

  get camera(): MediaStreamTrack | null {
    return this.cameraTrack
  }

  get screen(): MediaStreamTrack | null {
    return this.screenTrack
  }

  /**
   * Asks for both devices at once (one prompt) and, when that fails, for each alone, so a blocked
   * or missing camera still leaves a working microphone. A saved device that is gone falls back to
   * the default. The camera is kept only while `keepCamera()` says so and no camera request came
   * in meanwhile (a toggle pressed while the devices were starting wins).
   */
  async open(devices: DevicePreferences, keepCamera: () => boolean): Promise<OpenedMedia> {
    const cameraAtStart = this.cameraRequest
    const microphoneAtStart = this.microphoneRequest
    const opened = await this.requestBoth(devices)
    if (this.stopped) {
      opened.audio?.stop()
      opened.video?.stop()
      return { ...opened, audio: null, video: null }
    }
    if (opened.audio && microphoneAtStart === this.microphoneRequest && !this.audioTrack) {
      this.adopt('microphone', opened.audio)
    } else {
      opened.audio?.stop()
    }
    const video = opened.video
    if (video && keepCamera() && cameraAtStart === this.cameraRequest && !this.cameraTrack) {
      this.adopt('camera', video)
    } else {
      video?.stop()
    }
    return { ...opened, audio: this.audioTrack, video: this.cameraTrack }
  }

  /**
   * Opens a microphone or camera: the preferred one, else the default when the preferred one is
   * gone. Used to turn the camera on and to ask again for a device that was blocked or missing.
   */
  async request(device: InputDevice, deviceId: string | null): Promise<DeviceRequest> {
    const ticket = this.nextTicket(device)
    let track: MediaStreamTrack
    try {
      track = await this.requestPreferred(device, deviceId)
    } catch (error) {
      return this.isCurrent(device, ticket) ? { outcome: 'failed', error } : superseded
    }
    return this.settle(device, ticket, track)
  }

  /**
   * Opens exactly the chosen device ('' is the system default) in place of the one in use: a
   * switch that silently landed on another device would be worse than a clear error. The caller
   * moves every peer to the new track, then stops `previous`.
   */
  async switchTo(device: InputDevice, deviceId: string): Promise<DeviceRequest> {
    const ticket = this.nextTicket(device)
    let track: MediaStreamTrack
    try {
      track = await this.openExactly(device, deviceId === '' ? null : deviceId)
    } catch (error) {
      return this.isCurrent(device, ticket) ? { outcome: 'failed', error } : superseded
    }
    return this.settle(device, ticket, track)
  }

  /** Stops the camera (its light goes off) and cancels any camera request under way. */
  stopCamera(): MediaStreamTrack | null {
    this.cameraRequest += 1
    const track = this.cameraTrack
    this.cameraTrack = null
    track?.stop()
    return track
  }

  /** Gives up the microphone, e.g. when it was unplugged and no other one is left. */
  stopMicrophone(): MediaStreamTrack | null {
    this.microphoneRequest += 1
    const track = this.audioTrack
    this.audioTrack = null
    track?.stop()
    return track
  }

  /** The screen or window to share; throws getDisplayMedia's error (a cancel included). */
  async startScreen(): Promise<MediaStreamTrack | null> {
    if (this.screenTrack) return this.screenTrack
    const devices = this.requireDevices()
    if (!devices.getDisplayMedia) {
      throw new DOMException('Screen sharing is not available here', 'NotSupportedError')
    }
    const stream = await devices.getDisplayMedia({
      video: { frameRate: { ideal: 15, max: 30 } },
      audio: false,
    })
    const track = stream.getVideoTracks()[0] ?? null
    if (!track) return null
    if (this.stopped || this.screenTrack) {
      track.stop()
      return this.screenTrack
    }
    // Text and lines stay sharp rather than smooth: what people share is mostly documents.
    track.contentHint = 'detail'
    track.addEventListener('ended', () => {
      if (this.screenTrack === track) this.events.onScreenEnded(track)
    })
    this.screenTrack = track
    return track
  }

  stopScreen(): MediaStreamTrack | null {
    const track = this.screenTrack
    this.screenTrack = null
    track?.stop()
    return track
  }

  /** Everything off for good: later requests that settle stop their tracks at once. */
  stop(): void {
    this.stopped = true
    this.stopScreen()
    this.stopCamera()
    this.stopMicrophone()
  }

  /**
   * What is plugged in. Labels are only there once media access was granted; before that a
   * numbered name stands in. Entries without an id (no permission yet) cannot be chosen.
   */
  async listDevices(): Promise<DeviceInfo[]> {
    const devices = this.mediaDevices()
    if (!devices) return []
    const list = await devices.enumerateDevices()
    const counts: Record<DeviceInfo['kind'], number> = {
      audioinput: 0,
      videoinput: 0,
      audiooutput: 0,
    }
    const found: DeviceInfo[] = []
    for (const device of list) {
      if (!device.deviceId) continue
      counts[device.kind] += 1
      found.push({
        deviceId: device.deviceId,
        kind: device.kind,
        label: device.label || `${fallbackLabels[device.kind]} ${counts[device.kind]}`,
      })
    }
    return found
  }

  /** Calls `listener` on every plug and unplug; returns its removal. */
  watchDevices(listener: () => void): () => void {
    const devices = this.mediaDevices()
    if (!devices) return () => undefined
    devices.addEventListener('devicechange', listener)
    return () => devices.removeEventListener('devicechange', listener)
  }

  // --- inside ----------------------------------------------------------------------------------

  private async requestBoth(devices: DevicePreferences): Promise<OpenedMedia> {
    const none = { microphoneError: null, cameraError: null, bothError: null }
    try {
      const stream = await this.requireDevices().getUserMedia({
        audio: withDevice(microphoneConstraints, devices.audioInput),
        video: withDevice(cameraConstraints, devices.videoInput),
      })
      return {
        ...none,
        audio: stream.getAudioTracks()[0] ?? null,
        video: stream.getVideoTracks()[0] ?? null,
      }
    } catch (bothError) {
      // Each alone, falling back to the default where a saved device is gone.
      const [mic, cam] = await Promise.allSettled([
        this.requestPreferred('microphone', devices.audioInput),
        this.requestPreferred('camera', devices.videoInput),
      ])
      return {
        audio: mic.status === 'fulfilled' ? mic.value : null,
        video: cam.status === 'fulfilled' ? cam.value : null,
        microphoneError: mic.status === 'rejected' ? mic.reason : null,
        cameraError: cam.status === 'rejected' ? cam.reason : null,
        bothError: mic.status === 'rejected' && cam.status === 'rejected' ? bothError : null,
      }
    }
  }

  private async requestPreferred(
    device: InputDevice,
    deviceId: string | null,
  ): Promise<MediaStreamTrack> {
    try {
      return await this.openExactly(device, deviceId)
    } catch (error) {
      if (deviceId && deviceGone(error)) return this.openExactly(device, null)
      throw error
    }
  }

  private async openExactly(device: InputDevice, deviceId: string | null) {
    const microphone = device === 'microphone'
    const stream = await this.requireDevices().getUserMedia(
      microphone
        ? { audio: withDevice(microphoneConstraints, deviceId) }
        : { video: withDevice(cameraConstraints, deviceId) },
    )
    const track = (microphone ? stream.getAudioTracks() : stream.getVideoTracks())[0]
    if (!track) throw new DOMException('The device gave no track', 'NotReadableError')
    return track
  }

  private requireDevices(): MediaDevicesLike {
    const devices = this.mediaDevices()
    // What a page without mediaDevices (an insecure origin) amounts to: no device to open.
    if (!devices) throw new DOMException('No media devices in this page', 'NotFoundError')
    return devices
  }

  private nextTicket(device: InputDevice): number {
    return device === 'camera' ? ++this.cameraRequest : ++this.microphoneRequest
  }

  private isCurrent(device: InputDevice, ticket: number): boolean {
    const current = device === 'camera' ? this.cameraRequest : this.microphoneRequest
    return !this.stopped && ticket === current
  }

  private settle(device: InputDevice, ticket: number, track: MediaStreamTrack): DeviceRequest {
    if (!this.isCurrent(device, ticket)) {
      track.stop()
      return superseded
    }
    const previous = device === 'camera' ? this.cameraTrack : this.audioTrack
    this.adopt(device, track)
    return { outcome: 'opened', track, previous: previous === track ? null : previous }
  }

  private adopt(device: InputDevice, track: MediaStreamTrack): void {
    if (device === 'camera') this.cameraTrack = track
    else this.audioTrack = track
    // An unplugged device ends its track; the engine decides what comes instead.
    track.addEventListener('ended', () => {
      const current = device === 'camera' ? this.cameraTrack : this.audioTrack
      if (current === track) this.events.onInputEnded(device, track)
    })
  }
}

const superseded: DeviceRequest = { outcome: 'superseded' }
