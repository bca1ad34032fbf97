/**
 * The embedded default: with no server configured, Parley runs the reference server in-process on
 * 127.0.0.1 in guest mode, so a fresh install works at once and others on this machine can join
 * from a browser at its URL. Started on first need (never when a server is configured) and
 * stopped when the app quits.
 */

export interface RunningServer {
  url: string
  port: number
  close(): Promise<void>
}

export interface EmbeddedServerDependencies {
  /** Starts the reference server with an environment-style config (loadServerConfig's input). */
  start: (env: Record<string, string | undefined>) => Promise<RunningServer>
  /** A port to try first so the browser URL stays the same between runs; 0 = any free port. */
  preferredPort: number
  /**
   * The server's data folder (DATA_DIR: its signing key and what else it keeps across restarts),
   * created private on first need; under Parley's user data folder.
   */
  dataDir: () => string
  /** The origin of Parley's page (app://parley, or the dev server's). */
  pageOrigin: string
  log: {
    info(message: string, details?: Record<string, unknown>): void
    warn(message: string, details?: Record<string, unknown>): void
  }
}

export interface EmbeddedServer {
  ensure(): Promise<{ url: string } | null>
  current(): { url: string } | null
  stop(): Promise<void>
}

/**
 * Environment for the embedded server: loopback only, guest sign-in, no TURN, no Redis, its data
 * in Parley's user data folder, and only two browser origins: Parley's own page and the server's
 * own pages (a browser on this machine at its URL). Without that, any web page open in a browser
 * could sign in to it as a guest and join calls.
 */
export function embeddedServerEnv(
  port: number,
  dataDir: string,
  pageOrigin: string,
): Record<string, string | undefined> {
  return {
    HOST: '127.0.0.1',
    PORT: String(port),
    AUTH_MODE: 'guest',
    DATA_DIR: dataDir,
    ALLOWED_ORIGINS: `self,${pageOrigin}`,
    // No STUN/TURN variables: loopback peers connect over host candidates, and no public server
    // is contacted on someone's behalf without them choosing it.
  }
}

export function createEmbeddedServer(deps: EmbeddedServerDependencies): EmbeddedServer {
  let running: RunningServer | null = null
  let starting: Promise<RunningServer | null> | null = null

  async function start(): Promise<RunningServer | null> {
    const ports = deps.preferredPort > 0 ? [deps.preferredPort, 0] : [0]
    let dataDir: string
    try {
      dataDir = deps.dataDir()
    } catch (error) {
      deps.log.warn('Embedded server has no data folder; not started', { error: String(error) })
      return null
    }
    for (const port of ports) {
      try {
        const server = await deps.start(embeddedServerEnv(port, dataDir, deps.pageOrigin))
        deps.log.info('Embedded server started', { url: server.url })
        return server
      } catch (error) {
        deps.log.warn('Embedded server did not start', { port, error: String(error) })
      }
    }
    return null
  }

  return {
    async ensure() {
      if (running) return { url: running.url }
      starting ??= start()
      const server = await starting
      starting = null
      running = server
      return server ? { url: server.url } : null
    },
    current: () => (running ? { url: running.url } : null),
    async stop() {
      const server = running
      running = null
      if (server) await server.close()
    },
  }
}
