/** Shared fakes for the main-process unit tests. */
import { expect } from 'vitest'
import { loadServerConfig, startServer, type RunningServer } from '../../../src/server/index'
import { createMemoryVault, type SecretVault } from '../../../src/main/session/token-vault'
import { parseBridgeError, type SessionStorageKind } from '../../../src/shared/bridge'
import { createTranslator } from '../../../src/shared/i18n/create-translator'
import type { Language } from '../../../src/shared/i18n/languages'

/**
 * What a page set to `language` says for an error main threw: the error as it crosses the bridge
 * (its message only), its phrase said by the catalog (as ui/common/call-error-text.ts does).
 */
export function saidIn(language: Language, error: unknown): string {
  const { phrase } = parseBridgeError(new Error(error instanceof Error ? error.message : ''))
  expect(phrase).not.toBeNull()
  return phrase ? createTranslator(language).t(phrase.key, phrase.values ?? {}) : ''
}

export interface RecordedLog {
  lines: { level: string; message: string; details?: Record<string, unknown> }[]
  info(message: string, details?: Record<string, unknown>): void
  warn(message: string, details?: Record<string, unknown>): void
  error(message: string, details?: Record<string, unknown>): void
}

export function recordingLog(): RecordedLog {
  const lines: RecordedLog['lines'] = []
  return {
    lines,
    info: (message, details) => lines.push({ level: 'info', message, details }),
    warn: (message, details) => lines.push({ level: 'warn', message, details }),
    error: (message, details) => lines.push({ level: 'error', message, details }),
  }
}

/** Timers that only fire when the test says so. */
export function manualTimers() {
  let nextId = 1
  const pending = new Map<number, { callback: () => void; ms: number }>()
  return {
    pending,
    setTimeout(callback: () => void, ms: number): unknown {
      const id = nextId++
      pending.set(id, { callback, ms })
      return id
    },
    clearTimeout(handle: unknown): void {
      pending.delete(handle as number)
    },
    /** Runs every pending timer once. */
    fireAll(): void {
      const due = [...pending.entries()]
      pending.clear()
      for (const [, timer] of due) timer.callback()
    },
  }
}

/** A vault that reports a chosen kind and remembers what it holds, for asserting on. */
export function inspectableVault(kind: SessionStorageKind = 'keychain'): SecretVault & {
  entries: Map<string, string>
} {
  const entries = new Map<string, string>()
  const memory = createMemoryVault()
  return {
    kind,
    entries,
    get: memory.get,
    async set(account, secret) {
      entries.set(account, secret)
      await memory.set(account, secret)
    },
    async delete(account) {
      entries.delete(account)
      await memory.delete(account)
    },
  }
}

/** The real reference server on a free loopback port. */
export async function startReferenceServer(
  env: Record<string, string> = {},
): Promise<RunningServer> {
  return startServer(
    loadServerConfig({ HOST: '127.0.0.1', PORT: '0', AUTH_MODE: 'guest', ...env }),
    {},
  )
}

export async function flushPromises(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setImmediate(resolve))
}
