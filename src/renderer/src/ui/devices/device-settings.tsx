/**
 * Which camera, microphone and speaker to use: the same three lists in the lobby and in a call.
 * The speaker list only appears where the browser can route audio to a chosen device.
 */
import type { CallEngine, CallState, DeviceInfo } from '../../engine/call-engine-api'
import { canChooseAudioOutput } from './audio-output'
import { DeviceSelect } from './device-select'

export interface DeviceSettingsProps {
  engine: CallEngine
  state: CallState
  className?: string
}

export function DeviceSettings({ engine, state, className }: DeviceSettingsProps) {
  const of = (kind: DeviceInfo['kind']) => state.devices.filter((device) => device.kind === kind)
  const outputs = of('audiooutput')
  // Until media is up the list has no labels and there is nothing to switch.
  const ready = state.self !== null
  const selected = state.selectedDevices
  return (
    <div className={['device-settings', className].filter(Boolean).join(' ')}>
      <DeviceSelect
        label="Camera"
        devices={of('videoinput')}
        value={selected.videoInput}
        disabled={!ready}
        onChange={(deviceId) => engine.setDevice('videoinput', deviceId)}
      />
      <DeviceSelect
        label="Microphone"
        devices={of('audioinput')}
        value={selected.audioInput}
        disabled={!ready}
        onChange={(deviceId) => engine.setDevice('audioinput', deviceId)}
      />
      {canChooseAudioOutput() && outputs.length > 0 ? (
        <DeviceSelect
          label="Speaker"
          devices={outputs}
          value={selected.audioOutput}
          disabled={!ready}
          onChange={(deviceId) => engine.setAudioOutput(deviceId)}
        />
      ) : null}
    </div>
  )
}
