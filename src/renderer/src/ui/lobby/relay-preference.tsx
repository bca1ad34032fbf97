/**
 * "Always relay calls": sends all media through the TURN relay, hiding your address from the
 * others at some cost in delay. Saved by the host; the engine fetches its RTC config again.
 */
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Bridge } from '../../../../shared/bridge'
import { bridgeErrorText } from '../common/call-error-text'
import type { CallEngine } from '../../engine/call-engine-api'
import { AlertMessage } from '../common/alert-message'

export interface RelayPreferenceProps {
  bridge: Bridge
  engine: CallEngine
  /** From the engine's CallState: false when the server has no TURN relay to send through. */
  turnAvailable: boolean | null
}

export function RelayPreference({ bridge, engine, turnAvailable }: RelayPreferenceProps) {
  const [alwaysRelay, setAlwaysRelay] = useState<boolean | null>(null)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const ids = { input: useId(), hint: useId() }
  const { t } = useTranslation()

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
      setError(t('relay.notSaved', { reason: bridgeErrorText(caught, t) }).trim())
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
        disabled={alwaysRelay === null || saving || turnAvailable === false}
        aria-describedby={ids.hint}
        onChange={(event) => void change(event.target.checked)}
      />
      <div>
        <label htmlFor={ids.input}>{t('relay.label')}</label>
        <p id={ids.hint} className="field__hint">
          {t(turnAvailable === false ? 'relay.unavailable' : 'relay.hint')}
        </p>
      </div>
      {error ? <AlertMessage message={error} onDismiss={() => setError(null)} /> : null}
    </div>
  )
}
