/**
 * `npm run server`: configuration from the environment, one ready line on stdout
 * (`Parley server listening on http://HOST:PORT`, parsed by end-to-end fixtures), log lines
 * on stderr, graceful close on SIGTERM/SIGINT.
 */
import { fileURLToPath } from 'node:url'
import { ServerConfigError, loadServerConfig, startServer } from './index'

const staticDir = fileURLToPath(new URL('../renderer', import.meta.url))

function logLine(line: string): void {
  process.stderr.write(`${new Date().toISOString()} ${line}\n`)
}

async function main(): Promise<void> {
  let config
  try {
    config = loadServerConfig(process.env)
  } catch (error) {
    if (error instanceof ServerConfigError) {
      process.stderr.write(`Parley server: ${error.message}\n`)
      process.exit(1)
    }
    throw error
  }

  const server = await startServer(config, { staticDir, log: logLine })
  process.stdout.write(`Parley server listening on ${server.url}\n`)

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logLine(`${signal}: closing`)
    // A close that hangs must not keep the process around forever.
    setTimeout(() => process.exit(1), 10_000).unref()
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logLine(`close failed: ${error instanceof Error ? error.message : String(error)}`)
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Parley server: ${error instanceof Error ? error.message : String(error)}`.split('\n')[0] +
      '\n',
  )
  process.exit(1)
})
