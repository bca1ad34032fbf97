/** The node-redis client type and a connect that gives up with a clear error instead of retrying forever. */
import { createClient } from 'redis'

export type RedisClient = ReturnType<typeof createClient>

const CONNECT_TIMEOUT_MS = 5000

/** Redis URLs may carry a password; log lines show only host and port. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.host}`
  } catch {
    return 'redis'
  }
}

export async function connectRedis(
  client: RedisClient,
  url: string,
  log: (line: string) => void,
): Promise<void> {
  let lastError = ''
  // Without an error listener node-redis would throw from the event emitter and end the process.
  client.on('error', (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error)
    if (message !== lastError) log(`redis (${redactRedisUrl(url)}): ${message}`)
    lastError = message
  })
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`cannot reach Redis at ${redactRedisUrl(url)} (REDIS_URL)`)),
      CONNECT_TIMEOUT_MS,
    )
  })
  try {
    await Promise.race([client.connect(), timeout])
  } catch (error) {
    client.destroy()
    throw error
  } finally {
    clearTimeout(timer)
  }
}

export function newRedisClient(url: string): RedisClient {
  return createClient({ url })
}
