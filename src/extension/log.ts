import * as vscode from 'vscode';
import type { Logger } from '../core/types';

const SHOW_LOG = 'Show log';

/** The extension's one log: a LogOutputChannel the user can filter by level, also handed to the core as its Logger. */
export class Log implements Logger, vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('PromptOps', { log: true });

  debug(message: string): void {
    this.channel.debug(message);
  }

  info(message: string): void {
    this.channel.info(message);
  }

  warn(message: string): void {
    this.channel.warn(message);
  }

  error(message: string): void {
    this.channel.error(message);
  }

  show(): void {
    this.channel.show(true);
  }

  /**
   * Logs the error and shows it to the user with "Show log" and any `actions`; resolves to the action picked
   * (never "Show log", which is handled here). Not awaited by callers that do not care about the choice.
   */
  async showError(message: string, ...actions: string[]): Promise<string | undefined> {
    this.channel.error(message);
    const picked = await vscode.window.showErrorMessage(message, ...actions, SHOW_LOG);
    if (picked === SHOW_LOG) {
      this.show();
      return undefined;
    }
    return picked;
  }

  dispose(): void {
    this.channel.dispose();
  }
}

/** The message of anything thrown, for logs and notifications (never a stack in a notification). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
