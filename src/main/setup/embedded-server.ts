/**
 * Step: the reference server run in-process, started on first need. Its data (the signing key,
 * so sessions survive a restart of Parley) lives in a private folder under the user data folder.
 */
import { join } from 'node:path'
import { app } from 'electron'
import { createEmbeddedServer, type EmbeddedServer } from '../embedded-server'
import { createLogger } from '../log'
import { ensurePrivateFolder } from '../settings/private-files'

export function setupEmbeddedServer(options: {
  rendererDir: string
  preferredPort: number
  pageOrigin: string
}): EmbeddedServer {
  const log = createLogger('embedded-server')
  return createEmbeddedServer({
    start: async (env) => {
      const { loadServerConfig, startServer } = await import('../../server/index')
      return startServer(loadServerConfig(env), {
        staticDir: options.rendererDir,
        log: (line) => log.info(line),
      })
    },
    preferredPort: options.preferredPort,
    pageOrigin: options.pageOrigin,
    dataDir: () => ensurePrivateFolder(join(app.getPath('userData'), 'embedded-server')),
    log,
  })
}
