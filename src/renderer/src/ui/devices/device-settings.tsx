/**
 * Which camera, microphone and speaker to use: the same three lists in the lobby and in a call.
 * The speaker list only appears where the browser can route audio to a chosen device.
 */
import { useTranslation } from 'react-i18next'
import type { CallEngine, CallState, DeviceAccess, DeviceInfo } from '../../engine/call-engine-api'
import { canChooseAudioOutput } from './audio-output'
import { DeviceSelect } from './device-select'

export interface DeviceSettingsProps {
  engine: CallEngine
  state: CallState
  className?: string
}

export function DeviceSettings({ engine, state, className }: DeviceSettingsProps) {
  const { t } = useTranslation()
  // A blocked device lists nothing (no ids without permission): say blocked, not "none".
  const emptyText = (access: DeviceAccess, blocked: string, absent: string) =>
    t(access === 'blocked' ? blocked : absent)
  const access = state.deviceAccess
  // Blocked is blocked whatever the browser lists: no device of that kind can be opened.
  const blocked = (kind: DeviceInfo['kind']) =>
    (kind === 'videoinput' && access.camera === 'blocked') ||
    (kind === 'audioinput' && access.microphone === 'blocked')
  const of = (kind: DeviceInfo['kind']) =>
    blocked(kind) ? [] : state.devices.filter((device) => device.kind === kind)
  const outputs = of('audiooutput')
  // Until media is up the list has no labels and there is nothing to switch.
  const ready = state.self !== null
  const selected = state.selectedDevices
  return (
    <div className={['device-settings', className].filter(Boolean).join(' ')}>
      <DeviceSelect
        label={t('devices.camera')}
        emptyText={emptyText(access.camera, 'devices.cameraBlocked', 'devices.noCamera')}
        devices={of('videoinput')}
        value={selected.videoInput}
        disabled={!ready}
        onChange={(deviceId) => engine.setDevice('videoinput', deviceId)}
      />
      <DeviceSelect
        label={t('devices.microphone')}
        emptyText={emptyText(
          access.microphone,
          'devices.microphoneBlocked',
          'devices.noMicrophone',
        )}
        devices={of('audioinput')}
        value={selected.audioInput}
        disabled={!ready}
        onChange={(deviceId) => engine.setDevice('audioinput', deviceId)}
      />
      {canChooseAudioOutput() && outputs.length > 0 ? (
        <DeviceSelect
          label={t('devices.speaker')}
          emptyText={t('devices.noSpeaker')}
          devices={outputs}
          value={selected.audioOutput}
          disabled={!ready}
          onChange={(deviceId) => engine.setAudioOutput(deviceId)}
        />
      ) : null}
    </div>
  )
}
