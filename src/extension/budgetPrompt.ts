import * as vscode from 'vscode';
import { checkBudget } from '../core/budget';
import { describeEstimate, type RunEstimate } from '../core/costEstimate';
import type { ProjectConfig } from '../core/types';

/**
 * The `maxCostUsd` to run with, or false when the user declined a run over the budget. Asked in a modal
 * only when the estimate is over the limit.
 */
export async function confirmBudget(estimate: RunEstimate, config: ProjectConfig): Promise<number | undefined | false> {
  const check = checkBudget(estimate.totalUsd, config.maxCostUsd, estimate.unknownModels);
  if (check.ok) return config.maxCostUsd;
  const picked = await vscode.window.showWarningMessage(
    check.message,
    { modal: true, detail: `${describeEstimate(estimate)}\n\n${check.hint}` },
    'Run Anyway',
  );
  // Accepted: the user chose to spend past the limit, so the guard must not stop the run half-way either.
  return picked === 'Run Anyway' ? undefined : false;
}
