/**
 * A stand-in for `navigator.mediaDevices`, wrapped around Chromium's fake devices, that a test
 * drives from outside: plug a device in (a virtual one that opens the real fake device of its kind
 * and reports itself as the virtual one), unplug it (its tracks end, as a real unplug does), or
 * make the browser refuse a kind (blocked) or find none of it (absent). Read through
 * `globalThis.__devices` in `page.evaluate`.
 */

/** Init scripts also run in the first about:blank page, which has no mediaDevices. */
export const devicesStandIn = `
  if (navigator.mediaDevices) {
    const devices = navigator.mediaDevices
    const realGetUserMedia = devices.getUserMedia.bind(devices)
    const realEnumerate = devices.enumerateDevices.bind(devices)
    const virtual = []
    const handedOut = new Map()
    const refused = { audio: null, video: null }
    const kindOf = { audio: 'audioinput', video: 'videoinput' }
    const wantedId = (constraint) => {
      if (!constraint || typeof constraint !== 'object' || !constraint.deviceId) return null
      const id = constraint.deviceId
      return typeof id === 'string' ? id : id.exact ?? id.ideal ?? null
    }
    devices.getUserMedia = async (constraints = {}) => {
      globalThis.__devices.requests += 1
      const real = { ...constraints }
      const dressed = {}
      for (const kind of ['audio', 'video']) {
        if (!constraints[kind]) continue
        if (refused[kind] === 'blocked') throw new DOMException('Permission denied', 'NotAllowedError')
        if (refused[kind] === 'absent') throw new DOMException('Requested device not found', 'NotFoundError')
        const device = virtual.find((candidate) => candidate.deviceId === wantedId(constraints[kind]))
        if (!device) continue
        const { deviceId, ...rest } = constraints[kind]
        real[kind] = Object.keys(rest).length > 0 ? rest : true
        dressed[kind] = device
      }
      const stream = await realGetUserMedia(real)
      for (const track of stream.getTracks()) {
        const device = dressed[track.kind]
        if (!device) continue
        const settings = track.getSettings.bind(track)
        track.getSettings = () => ({ ...settings(), deviceId: device.deviceId })
        Object.defineProperty(track, 'label', { value: device.label })
        handedOut.set(device.deviceId, [...(handedOut.get(device.deviceId) ?? []), track])
      }
      return stream
    }
    const refusal = (kind) =>
      kind === 'audioinput' ? refused.audio : kind === 'videoinput' ? refused.video : null
    devices.enumerateDevices = async () => {
      // Without permission a browser lists each kind once, without id or label.
      const listed = (await realEnumerate())
        .filter((device) => refusal(device.kind) !== 'absent')
        .map((device) =>
          refusal(device.kind) === 'blocked'
            ? { deviceId: '', kind: device.kind, label: '', groupId: '' }
            : device,
        )
      return [...listed, ...virtual.map((device) => ({ ...device, groupId: 'stand-in' }))]
    }
    const changed = () => devices.dispatchEvent(new Event('devicechange'))
    globalThis.__devices = {
      requests: 0,
      plug(deviceId, kind, label) {
        virtual.push({ deviceId, kind, label })
        changed()
      },
      unplug(deviceId) {
        const index = virtual.findIndex((device) => device.deviceId === deviceId)
        if (index >= 0) virtual.splice(index, 1)
        for (const track of handedOut.get(deviceId) ?? []) {
          if (track.readyState === 'ended') continue
          track.stop()
          track.dispatchEvent(new Event('ended'))
        }
        handedOut.delete(deviceId)
        changed()
      },
      refuse(kind, how) {
        refused[kind] = how
        changed()
      },
      allow(kind) {
        refused[kind] = null
        changed()
      },
    }
  }
`

/** What the stand-in offers in the page; the tests are typed without the DOM library. */
export interface DevicesStandIn {
  /** getUserMedia calls so far. */
  requests: number
  plug(deviceId: string, kind: 'audioinput' | 'videoinput' | 'audiooutput', label: string): void
  unplug(deviceId: string): void
  refuse(kind: 'audio' | 'video', how: 'blocked' | 'absent'): void
  allow(kind: 'audio' | 'video'): void
}

export interface StandInPage {
  __devices: DevicesStandIn
}

/** An init script that starts with some kinds refused, before the app asks for anything. */
export function refusing(kinds: ('audio' | 'video')[], how: 'blocked' | 'absent'): string {
  const calls = kinds.map((kind) => `globalThis.__devices.refuse('${kind}', '${how}')`).join('\n')
  return `${devicesStandIn}\nif (globalThis.__devices) {\n${calls}\n}`
}
