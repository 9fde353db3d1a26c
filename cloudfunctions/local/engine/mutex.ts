/** A FIFO async mutex: one holder at a time, waiters served in arrival order. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve()
  private holders = 0

  /** Waits for the lock; resolves with the function that releases it (call it exactly once). */
  acquire(): Promise<() => void> {
    let release!: () => void
    const next = new Promise<void>((resolve) => {
      release = resolve
    })
    const previous = this.tail
    this.tail = previous.then(() => next)
    this.holders++
    return previous.then(() => {
      let released = false
      return () => {
        if (released) return
        released = true
        this.holders--
        release()
      }
    })
  }

  async run<T>(fn: () => Promise<T> | T): Promise<T> {
    const release = await this.acquire()
    try {
      return await fn()
    } finally {
      release()
    }
  }

  /** True while someone holds or waits for the lock. */
  get busy(): boolean {
    return this.holders > 0
  }

  /** Resolves once everyone queued so far is done. */
  async idle(): Promise<void> {
    await this.run(() => undefined)
  }
}
