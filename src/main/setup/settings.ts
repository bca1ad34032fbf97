/** Step: the settings file, private to the OS user (0600 in a 0700 folder Parley creates). */
import { join } from 'node:path'
import { app } from 'electron'
import Store from 'electron-store'
import { createLogger } from '../log'
import {
  createSettingsStore,
  openPrivateSettingsBackend,
  type SettingsStore,
} from '../settings/settings-store'

export function setupSettings(): SettingsStore {
  const log = createLogger('settings')
  const backend = openPrivateSettingsBackend(
    (options) => new Store(options),
    join(app.getPath('userData'), 'settings.json'),
    log,
  )
  return createSettingsStore(backend, log)
}
