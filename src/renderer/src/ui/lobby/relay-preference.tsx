/**
 * "Always relay calls": sends all media through the TURN relay, hiding your address from the
 * others at some cost in delay. Saved by the host; the engine fetches its RTC config again.
 */
import { useEffect, useId, useState } from 'react'
import { parseBridgeError, type Bridge } from '../../../../shared/bridge'
import type { CallEngine } from '../../engine/call-engine-api'
import { AlertMessage } from '../common/alert-message'

export interface RelayPreferenceProps {
  bridge: Bridge
  engine: CallEngine
}

export function RelayPreference({ bridge, engine }: RelayPreferenceProps) {
  const [alwaysRelay, setAlwaysRelay] = useState<boolean | null>(null)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const ids = { input: useId(), hint: useId() }

  useEffect(() => {
    let active = true
    bridge.signaling
      .getPreferences()
      .then((preferences) => {
        if (active) setAlwaysRelay(preferences.alwaysRelay)
      })
      .catch(() => {
        if (active) setAlwaysRelay(false)
      })
    return () => {
      active = false
    }
  }, [bridge])

  async function change(next: boolean) {
    const previous = alwaysRelay
    setAlwaysRelay(next)
    setSaving(true)
    setError(null)
    try {
      const saved = await bridge.signaling.setPreferences({ alwaysRelay: next })
      setAlwaysRelay(saved.alwaysRelay)
      await engine.refreshRtcConfig()
    } catch (caught) {
      setAlwaysRelay(previous)
      const { message } = parseBridgeError(caught)
      setError(`The setting could not be saved. ${message}`.trim())
    } finally {
      setSaving(false)
    }
  }

  return (
    <div className="field field--checkbox">
      <input
        id={ids.input}
        type="checkbox"
        checked={alwaysRelay ?? false}
        disabled={alwaysRelay === null || saving}
        aria-describedby={ids.hint}
        onChange={(event) => void change(event.target.checked)}
      />
      <div>
        <label htmlFor={ids.input}>Always relay calls</label>
        <p id={ids.hint} className="field__hint">
          Send audio and video through the server&apos;s relay so the others never see your network
          address. Adds a little delay.
        </p>
      </div>
      {error ? <AlertMessage message={error} onDismiss={() => setError(null)} /> : null}
    </div>
  )
}
