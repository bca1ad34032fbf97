/**
 * Keeps a benchmark bounded and tidy: everything it starts (browsers, servers) is registered here
 * and closed on the way out, whether the run ends, fails, is interrupted, or overruns its time.
 */
type Closer = () => Promise<void>

const closers: Closer[] = []

/** Registers something to close on exit; returns it, for `const x = owned(await start(), ...)`. */
export function owned<T>(thing: T, close: (thing: T) => Promise<void>): T {
  closers.push(() => close(thing))
  return thing
}

async function closeAll(): Promise<void> {
  // Last started, first closed: browsers before the servers they talk to.
  while (closers.length > 0) {
    const close = closers.pop()
    await close?.().catch((error: unknown) => console.error('while closing:', error))
  }
}

/** Runs `main` with a time limit; exit code 0 on success, 1 on failure, 2 on overrun. */
export function runBench(main: () => Promise<void>, limitMs: number): void {
  const watchdog = setTimeout(() => {
    console.error(`\nThe benchmark overran its ${Math.round(limitMs / 1000)} s limit; stopping.`)
    void closeAll().finally(() => process.exit(2))
  }, limitMs)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: closing browsers and servers.`)
      void closeAll().finally(() => process.exit(130))
    })
  }
  main()
    .then(closeAll, async (error: unknown) => {
      console.error(error)
      process.exitCode = 1
      await closeAll()
    })
    .finally(() => clearTimeout(watchdog))
}
