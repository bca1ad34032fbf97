/**
 * The local microphone, camera and screen. Asks for both devices at once (one prompt) and, when that
 * fails, for each alone, so a blocked or missing camera still leaves a working microphone.
 */
import type { CallErrorView } from './call-engine-api'
import { mediaErrorView, screenShareErrorView } from './errors'

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

export interface AcquiredMedia {
  audio: MediaStreamTrack | null
  video: MediaStreamTrack | null
  error: CallErrorView | null
}

export interface DevicePreferences {
  audioInput: string | null
  videoInput: string | null
}

/** `exact`: a saved choice must not quietly turn into another device that happens to be near. */
export function withDevice(
  base: MediaTrackConstraints,
  deviceId: string | null,
): MediaTrackConstraints {
  return deviceId ? { ...base, deviceId: { exact: deviceId } } : base
}

/** The saved device was unplugged, or the browser reset its ids: not a reason to fail. */
function deviceGone(error: unknown): boolean {
  const name = error instanceof DOMException || error instanceof Error ? error.name : ''
  return name === 'OverconstrainedError' || name === 'NotFoundError'
}

/** One device of one kind: the preferred one, or the default when the preferred one is gone. */
async function requestPreferred(
  kind: 'audio' | 'video',
  deviceId: string | null,
): Promise<MediaStreamTrack | null> {
  const base = kind === 'audio' ? microphoneConstraints : cameraConstraints
  const request = async (id: string | null): Promise<MediaStreamTrack | null> => {
    const stream = await navigator.mediaDevices.getUserMedia({ [kind]: withDevice(base, id) })
    return (kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks())[0] ?? null
  }
  try {
    return await request(deviceId)
  } catch (error) {
    if (deviceId && deviceGone(error)) return request(null)
    throw error
  }
}

export async function acquireUserMedia(devices: DevicePreferences): Promise<AcquiredMedia> {
  const audio = withDevice(microphoneConstraints, devices.audioInput)
  const video = withDevice(cameraConstraints, devices.videoInput)
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio, video })
    return {
      audio: stream.getAudioTracks()[0] ?? null,
      video: stream.getVideoTracks()[0] ?? null,
      error: null,
    }
  } catch (bothError) {
    // Each alone, falling back to the default where a saved device is gone.
    const [mic, cam] = await Promise.allSettled([
      requestPreferred('audio', devices.audioInput),
      requestPreferred('video', devices.videoInput),
    ])
    const audioTrack = mic.status === 'fulfilled' ? mic.value : null
    const videoTrack = cam.status === 'fulfilled' ? cam.value : null
    let error: CallErrorView | null = null
    if (mic.status === 'rejected' && cam.status === 'rejected') {
      error = mediaErrorView(bothError, 'both')
    } else if (cam.status === 'rejected') {
      error = mediaErrorView(cam.reason, 'camera')
    } else if (mic.status === 'rejected') {
      error = mediaErrorView(mic.reason, 'microphone')
    }
    return { audio: audioTrack, video: videoTrack, error }
  }
}

export async function acquireCamera(
  deviceId: string | null,
): Promise<{ track: MediaStreamTrack | null; error: CallErrorView | null }> {
  try {
    return { track: await requestPreferred('video', deviceId), error: null }
  } catch (error) {
    return { track: null, error: mediaErrorView(error, 'camera') }
  }
}

export async function acquireScreen(): Promise<{
  track: MediaStreamTrack | null
  error: CallErrorView | null
}> {
  try {
    const stream = await navigator.mediaDevices.getDisplayMedia({
      video: { frameRate: { ideal: 15, max: 30 } },
      audio: false,
    })
    const track = stream.getVideoTracks()[0] ?? null
    // Text and lines stay sharp rather than smooth: what people share is mostly documents.
    if (track) track.contentHint = 'detail'
    return { track, error: null }
  } catch (error) {
    return { track: null, error: screenShareErrorView(error) }
  }
}
