import type { RunEvent } from '../../core/runner';

/** One self-rewriting status line on stderr, only when stderr is a terminal; nothing otherwise. */
export class ProgressLine {
  private readonly enabled = process.stderr.isTTY === true;
  private total = 0;
  private done = 0;
  private failed = 0;
  private shown = false;

  onEvent(event: RunEvent): void {
    if (event.type === 'run-start') this.total += event.tests;
    if (event.type === 'test-done') {
      this.done++;
      if (!event.result.pass || event.result.error) this.failed++;
      this.show(`${this.done}/${this.total} tests done${this.failed ? `, ${this.failed} not passing` : ''} · last: ${event.result.id}`);
    }
  }

  show(text: string): void {
    if (!this.enabled) return;
    const columns = process.stderr.columns || 80;
    process.stderr.write(`\r\x1b[K${text.slice(0, columns - 1)}`);
    this.shown = true;
  }

  /** Prints a line above the status line (or plainly when not on a terminal). */
  note(text: string): void {
    this.clear();
    process.stderr.write(`${text}\n`);
  }

  clear(): void {
    if (this.enabled && this.shown) process.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}
