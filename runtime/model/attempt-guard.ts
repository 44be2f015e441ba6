/**
 * The abort wiring of one HTTP attempt: a per-attempt AbortController fired by the caller's signal, by silence
 * longer than the timeout (re-armed on every chunk), or by the reasoning cap; and a record of which one fired, so
 * that an aborted request can be reported as "aborted", "timeout" or a deliberate cut.
 */
export class AttemptGuard {
  readonly controller = new AbortController();
  timedOut = false;
  userAborted = false;
  /** The stream was stopped on purpose because reasoning passed its budget. */
  overflow = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onAbort = (): void => {
    this.userAborted = true;
    this.controller.abort();
  };

  constructor(
    readonly timeoutMs: number,
    private readonly external?: AbortSignal,
  ) {
    if (external?.aborted) this.onAbort();
    else external?.addEventListener("abort", this.onAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** (Re)start the silence timer. */
  arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, this.timeoutMs);
  }

  /** Stop the stream because reasoning passed its budget. */
  cutForOverflow(): void {
    this.overflow = true;
    this.controller.abort();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.external?.removeEventListener("abort", this.onAbort);
  }
}
