/** Small helpers for the figures benchmarks print. */

/** The nearest-rank percentile (p in 0-100); NaN for no values. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  if (sorted.length === 0) return NaN
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index] ?? NaN
}

/** `  123 ms`, or `     -` for a missing figure, right-aligned to `width`. */
export function ms(value: number, width = 7): string {
  return (Number.isFinite(value) ? `${value.toFixed(0)} ms` : '-').padStart(width)
}

export function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : '-'
}
