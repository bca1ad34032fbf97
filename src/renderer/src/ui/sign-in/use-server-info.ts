/**
 * Asks the host what the chosen server wants (guest names or passwords), waiting for typing to
 * settle before asking about an edited Server URL.
 */
import { useEffect, useState } from 'react'
import { completeServerAddress } from '../../../../shared/auth/server-address'
import { parseBridgeError, type Bridge, type HostServerInfo } from '../../../../shared/bridge'
import { bridgeErrorText } from '../common/call-error-text'
import { i18n } from '../common/translator'

export type ServerInfoLookup =
  | { kind: 'checking' }
  | { kind: 'ready'; info: HostServerInfo; plainHttp: boolean }
  | { kind: 'invalid-url'; reason: string }
  | { kind: 'unreachable' }
  | { kind: 'not-parley'; message: string }

type Answer =
  | { kind: 'ready'; info: HostServerInfo }
  | { kind: 'unreachable' }
  | { kind: 'not-parley'; message: string }

const SETTLE_MS = 400

export function useServerInfo(bridge: Bridge, serverUrlDraft: string): ServerInfoLookup {
  const trimmed = serverUrlDraft.trim()
  // `calls.example.org` is completed to https:// (a loopback host to http://), not refused.
  const address = trimmed === '' ? null : completeServerAddress(trimmed)
  const invalid = address !== null && !address.ok
  const serverUrl = address?.ok ? address.url : null
  // Answers are kept with the address they answer, so a stale one never shows for a new address.
  const [answer, setAnswer] = useState<{ serverUrl: string | null; answer: Answer } | null>(null)

  useEffect(() => {
    if (invalid) return
    let active = true
    const request = serverUrl === null ? {} : { serverUrl }
    // The default server is asked at once; an edited address only after typing pauses.
    const timer = window.setTimeout(
      () => {
        bridge.signaling
          .getServerInfo(request)
          .then((info) => {
            if (active) setAnswer({ serverUrl, answer: { kind: 'ready', info } })
          })
          .catch((error: unknown) => {
            if (!active) return
            const { code } = parseBridgeError(error)
            const message = bridgeErrorText(error, i18n.t)
            setAnswer({
              serverUrl,
              answer:
                code === 'NOT_A_PARLEY_SERVER'
                  ? { kind: 'not-parley', message }
                  : { kind: 'unreachable' },
            })
          })
      },
      serverUrl === null ? 0 : SETTLE_MS,
    )
    return () => {
      active = false
      window.clearTimeout(timer)
    }
  }, [bridge, serverUrl, invalid])

  if (address && !address.ok) return { kind: 'invalid-url', reason: address.reason }
  if (!answer || answer.serverUrl !== serverUrl) return { kind: 'checking' }
  if (answer.answer.kind === 'ready') {
    return { ...answer.answer, plainHttp: address?.ok === true && address.plainHttp }
  }
  return answer.answer
}
