/**
 * The pieces of switching a camera or microphone mid-call: opening exactly the chosen device,
 * reading which device a track really is, and listing what is plugged in. The engine does the
 * orchestration (peers, preview, muted state), since it owns those.
 */
import type { DeviceInfo, InputDeviceKind } from './call-engine-api'
import { cameraConstraints, microphoneConstraints, withDevice } from './local-media'

/**
 * Opens the chosen device and nothing else: a switch that silently landed on another device would
 * be worse than a clear error. An empty id means the system default. Throws getUserMedia's error.
 */
export async function openInputDevice(
  kind: InputDeviceKind,
  deviceId: string,
): Promise<MediaStreamTrack> {
  const id = deviceId === '' ? null : deviceId
  const stream = await navigator.mediaDevices.getUserMedia(
    kind === 'audioinput'
      ? { audio: withDevice(microphoneConstraints, id) }
      : { video: withDevice(cameraConstraints, id) },
  )
  const track = (kind === 'audioinput' ? stream.getAudioTracks() : stream.getVideoTracks())[0]
  if (!track) throw new DOMException('The device gave no track', 'NotReadableError')
  return track
}

/** The device a live track comes from; a default request may land on any of them. */
export function trackDeviceId(track: MediaStreamTrack | null): string | null {
  return track?.getSettings().deviceId || null
}

const fallbackLabels: Record<DeviceInfo['kind'], string> = {
  audioinput: 'Microphone',
  videoinput: 'Camera',
  audiooutput: 'Speaker',
}

/**
 * What is plugged in. Labels are only there once media access was granted; before that a
 * numbered name stands in. Entries without an id (no permission yet) cannot be chosen.
 */
export async function listDevices(): Promise<DeviceInfo[]> {
  const list = await navigator.mediaDevices.enumerateDevices()
  const counts: Record<DeviceInfo['kind'], number> = {
    audioinput: 0,
    videoinput: 0,
    audiooutput: 0,
  }
  const devices: DeviceInfo[] = []
  for (const device of list) {
    if (!device.deviceId) continue
    counts[device.kind] += 1
    devices.push({
      deviceId: device.deviceId,
      kind: device.kind,
      label: device.label || `${fallbackLabels[device.kind]} ${counts[device.kind]}`,
    })
  }
  return devices
}
