/**
 * Parley's settings: one zod schema with defaults, kept in electron-store. The file is read as
 * unknown and parsed field by field, so a hand-edited or corrupt file costs only the fields that
 * are wrong (reset to their defaults with a warning), never a crash.
 */
import { renameSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import {
  preferencesSchema,
  serverUrlSchema,
  SESSION_STORAGES,
  type Preferences,
  type PreferencesPatch,
} from '../../shared/bridge'
import { ensurePrivateFolder, PRIVATE_FILE_MODE, restrictToOwner } from './private-files'

export const windowBoundsSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean(),
})
export type WindowBounds = z.infer<typeof windowBoundsSchema>

/** Which vault entry to restore at start-up: no secret here, only where to look. */
export const savedSessionSchema = z.object({
  serverUrl: serverUrlSchema,
  userId: z.string().min(1).max(128),
  storage: z.enum(SESSION_STORAGES),
  /** Signed in by name only: if the server refuses the token, sign in again with the same name. */
  guest: z.boolean().optional(),
})
export type SavedSession = z.infer<typeof savedSessionSchema>

/** Ciphertext (base64) of refresh tokens when safeStorage is the vault, keyed by account. */
export const safeStorageSecretsSchema = z.record(z.string().max(512), z.string().max(16_384))

export const settingsSchema = z.object({
  /** null: the embedded reference server. */
  serverUrl: serverUrlSchema.nullable(),
  alwaysRelay: preferencesSchema.shape.alwaysRelay,
  preferredDevices: preferencesSchema.shape.preferredDevices,
  windowBounds: windowBoundsSchema.nullable(),
  session: savedSessionSchema.nullable(),
  safeStorageSecrets: safeStorageSecretsSchema,
})
export type Settings = z.infer<typeof settingsSchema>

export const DEFAULT_SETTINGS: Settings = {
  serverUrl: null,
  alwaysRelay: false,
  preferredDevices: { audioInput: null, videoInput: null, audioOutput: null },
  windowBounds: null,
  session: null,
  safeStorageSecrets: {},
}

/** The narrow part of electron-store (or conf) the settings need: the whole object in and out. */
export interface SettingsBackend {
  readAll(): unknown
  writeAll(settings: Settings): void
}

export interface SettingsLogger {
  warn(message: string, details?: Record<string, unknown>): void
}

export interface SettingsStore {
  get(): Settings
  update(patch: Partial<Settings>): Settings
  getPreferences(): Preferences
  setPreferences(patch: PreferencesPatch): Preferences
  /** Called after every change with the new settings; returns its unsubscribe. */
  onChange(listener: (settings: Settings) => void): () => void
}

type SettingsKey = keyof Settings
const SETTINGS_KEYS = Object.keys(settingsSchema.shape) as SettingsKey[]

/** Parses an unknown settings object, keeping valid fields and resetting the rest. */
export function parseSettings(raw: unknown): { settings: Settings; resetKeys: string[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { settings: structuredClone(DEFAULT_SETTINGS), resetKeys: ['(whole file)'] }
  }
  const record = raw as Record<string, unknown>
  const settings: Record<string, unknown> = {}
  const resetKeys: string[] = []
  for (const key of SETTINGS_KEYS) {
    if (!(key in record) || record[key] === undefined) {
      settings[key] = structuredClone(DEFAULT_SETTINGS[key])
      continue
    }
    const parsed = settingsSchema.shape[key].safeParse(record[key])
    if (parsed.success) {
      settings[key] = parsed.data
    } else {
      settings[key] = structuredClone(DEFAULT_SETTINGS[key])
      resetKeys.push(key)
    }
  }
  // Unknown keys (a newer version's, or hand-added) are dropped rather than carried along.
  return { settings: settings as Settings, resetKeys }
}

export function createSettingsStore(backend: SettingsBackend, log: SettingsLogger): SettingsStore {
  let raw: unknown
  try {
    raw = backend.readAll()
  } catch (error) {
    log.warn('Settings could not be read; using defaults', { error: String(error) })
    raw = {}
  }
  const { settings: initial, resetKeys } = parseSettings(raw)
  let current = initial
  if (resetKeys.length > 0) {
    log.warn('Settings file had invalid values; they were reset to defaults', { keys: resetKeys })
  }
  persist()

  const listeners = new Set<(settings: Settings) => void>()

  function persist(): void {
    try {
      backend.writeAll(current)
    } catch (error) {
      // A read-only or full disk must not take the app down: keep working from memory.
      log.warn('Settings could not be saved', { error: String(error) })
    }
  }

  function update(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...current, ...patch })
    current = next
    persist()
    for (const listener of listeners) listener(current)
    return current
  }

  function getPreferences(): Preferences {
    return {
      alwaysRelay: current.alwaysRelay,
      preferredDevices: { ...current.preferredDevices },
    }
  }

  return {
    get: () => current,
    update,
    getPreferences,
    setPreferences(patch) {
      update({
        ...(patch.alwaysRelay !== undefined ? { alwaysRelay: patch.alwaysRelay } : {}),
        ...(patch.preferredDevices
          ? { preferredDevices: { ...current.preferredDevices, ...patch.preferredDevices } }
          : {}),
      })
      return getPreferences()
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/** The part of electron-store's (conf's) class the backend adapter uses. */
export interface ConfLike {
  store: Record<string, unknown>
  readonly path: string
}

/**
 * Opens the settings file through electron-store (or conf in tests). electron-store throws from
 * its constructor on a file that is not JSON; that file is moved aside (not silently deleted, so a
 * person can still recover a hand edit) and a fresh store opened.
 */
export function openSettingsBackend(
  open: () => ConfLike,
  fileSystem: { rename(from: string, to: string): void; settingsPath: string },
  log: SettingsLogger,
): SettingsBackend {
  let store: ConfLike
  try {
    store = open()
  } catch (error) {
    const aside = `${fileSystem.settingsPath}.corrupt-${Date.now()}`
    log.warn('Settings file is not valid JSON; it was moved aside and defaults are used', {
      error: String(error),
      movedTo: aside,
    })
    try {
      fileSystem.rename(fileSystem.settingsPath, aside)
    } catch (renameError) {
      log.warn('Corrupt settings file could not be moved aside', { error: String(renameError) })
    }
    try {
      store = open()
    } catch (reopenError) {
      log.warn('Settings cannot be opened; this run keeps them in memory only', {
        error: String(reopenError),
      })
      return memorySettingsBackend()
    }
  }
  return {
    readAll: () => store.store,
    writeAll: (settings) => {
      store.store = settings
    },
  }
}

/** Settings kept only in memory, for when the settings file cannot be used at all. */
export function memorySettingsBackend(): SettingsBackend {
  let stored: unknown = {}
  return {
    readAll: () => stored,
    writeAll: (settings) => {
      stored = structuredClone(settings)
    },
  }
}

/** The options Parley opens electron-store (or conf) with; the file is the owner's alone. */
export interface PrivateStoreOptions {
  name: string
  clearInvalidConfig: false
  configFileMode: number
}

/**
 * Opens the settings file at `settingsPath` as a private file: its folder is created 0700 when
 * Parley is the one creating it, a file left readable by others is narrowed to 0600, and every
 * write keeps it 0600 (it holds safeStorage ciphertext and which account to restore).
 */
export function openPrivateSettingsBackend(
  open: (options: PrivateStoreOptions) => ConfLike,
  settingsPath: string,
  log: SettingsLogger,
): SettingsBackend {
  const folder = dirname(settingsPath)
  try {
    ensurePrivateFolder(folder)
    restrictToOwner(settingsPath)
  } catch (error) {
    log.warn('Settings folder or file could not be made private', { error: String(error) })
  }
  const options: PrivateStoreOptions = {
    name: 'settings',
    clearInvalidConfig: false,
    configFileMode: PRIVATE_FILE_MODE,
  }
  return openSettingsBackend(
    () => open(options),
    {
      settingsPath,
      rename: (from, to) => {
        renameSync(from, to)
        // The copy kept aside may still hold ciphertext: it stays the owner's alone too.
        restrictToOwner(to)
      },
    },
    log,
  )
}
