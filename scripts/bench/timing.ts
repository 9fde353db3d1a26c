/** How the page benchmarks time a call: warm-up runs first, then the median of `runs` timed runs. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

/**
 * Milliseconds a call takes (median). Warm the JIT first, or the small collection's run pays for
 * it and the large-to-small ratio flatters the large one.
 */
export async function time(runs: number, work: () => Promise<unknown>, warmup = 10): Promise<number> {
  for (let i = 0; i < warmup; i++) await work()
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint()
    await work()
    ms.push(Number(process.hrtime.bigint() - t) / 1e6)
  }
  return median(ms)
}
