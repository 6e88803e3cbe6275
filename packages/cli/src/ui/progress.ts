// A progress line for long work: on a terminal it rewrites one line in place; in a log (not a
// TTY) it prints a plain line at most every `logEveryMs`, so CI logs stay short and readable.

export class ProgressLine {
  private lastLog = 0;
  private live = false;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly logEveryMs = 10_000,
  ) {}

  /** Shows `text` as the current status. `force` prints it even between log intervals. */
  update(text: string, force = false): void {
    if (this.stream.isTTY) {
      const width = this.stream.columns || 120;
      this.stream.write(`\r\x1b[2K${text.length > width - 1 ? text.slice(0, width - 2) + '…' : text}`);
      this.live = true;
      return;
    }
    const now = Date.now();
    if (force || now - this.lastLog >= this.logEveryMs) {
      this.stream.write(`${text}\n`);
      this.lastLog = now;
    }
  }

  /** Prints a permanent line above the live status (e.g. an evaluation result). */
  log(text: string): void {
    this.clear();
    this.stream.write(`${text}\n`);
  }

  clear(): void {
    if (this.live) {
      this.stream.write('\r\x1b[2K');
      this.live = false;
    }
  }
}
