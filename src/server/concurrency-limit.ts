/**
 * A small semaphore with a bounded waiting line, for work that is expensive on purpose (password
 * hashing). Past both bounds a caller is refused at once instead of piling up behind the others.
 */
export class ConcurrencyLimit {
  private active = 0
  private readonly waiting: (() => void)[] = []

  constructor(
    private readonly maxActive: number,
    private readonly maxWaiting: number,
  ) {}

  /** Runs `task` when a slot is free; null (without running it) when the line is full too. */
  async run<T>(task: () => Promise<T>): Promise<T | null> {
    if (this.active >= this.maxActive) {
      if (this.waiting.length >= this.maxWaiting) return null
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    } else {
      this.active++
    }
    try {
      return await task()
    } finally {
      // Hand the slot straight to the next in line, or give it back.
      const next = this.waiting.shift()
      if (next) next()
      else this.active--
    }
  }
}
