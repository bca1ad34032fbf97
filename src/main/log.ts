/** Main's log: one line per event on stderr, details as JSON. Never given tokens or passwords. */
export interface Logger {
  info(message: string, details?: Record<string, unknown>): void
  warn(message: string, details?: Record<string, unknown>): void
  error(message: string, details?: Record<string, unknown>): void
}

export function createLogger(
  scope: string,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const line = (level: string, message: string, details?: Record<string, unknown>): void => {
    const suffix = details && Object.keys(details).length > 0 ? ` ${JSON.stringify(details)}` : ''
    write(`${new Date().toISOString()} ${level} [${scope}] ${message}${suffix}`)
  }
  return {
    info: (message, details) => line('info', message, details),
    warn: (message, details) => line('warn', message, details),
    error: (message, details) => line('error', message, details),
  }
}
