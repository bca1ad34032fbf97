/**
 * Asks the host what the chosen server wants (guest names or passwords), waiting for typing to
 * settle before asking about an edited Server URL.
 */
import { useEffect, useState } from 'react'
import { serverUrlSchema, type Bridge, type HostServerInfo } from '../../../../shared/bridge'

export type ServerInfoLookup =
  | { kind: 'checking' }
  | { kind: 'ready'; info: HostServerInfo }
  | { kind: 'invalid-url' }
  | { kind: 'unreachable' }

type Answer = { kind: 'ready'; info: HostServerInfo } | { kind: 'unreachable' }

const SETTLE_MS = 400

export function useServerInfo(bridge: Bridge, serverUrlDraft: string): ServerInfoLookup {
  const trimmed = serverUrlDraft.trim()
  const parsed = trimmed === '' ? null : serverUrlSchema.safeParse(trimmed)
  const invalid = parsed !== null && !parsed.success
  const serverUrl = parsed?.success ? parsed.data : null
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
          .catch(() => {
            if (active) setAnswer({ serverUrl, answer: { kind: 'unreachable' } })
          })
      },
      serverUrl === null ? 0 : SETTLE_MS,
    )
    return () => {
      active = false
      window.clearTimeout(timer)
    }
  }, [bridge, serverUrl, invalid])

  if (invalid) return { kind: 'invalid-url' }
  if (!answer || answer.serverUrl !== serverUrl) return { kind: 'checking' }
  return answer.answer
}
