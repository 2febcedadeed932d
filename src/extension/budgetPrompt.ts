import * as vscode from 'vscode';
import { checkBudget } from '../core/budget';
import type { RunEstimate } from '../core/costEstimate';
import { formatUsd } from '../core/format';
import type { ProjectConfig } from '../core/types';

export function describeEstimate(estimate: RunEstimate): string {
  const basis = estimate.basis === 'max_tokens' ? ' (upper bound: output priced at max_tokens)' : '';
  const cached = estimate.cachedCalls ? `, ${estimate.cachedCalls} answered from cache` : '';
  const judges = estimate.judgeCalls ? ` + ${estimate.judgeCalls} judge calls` : '';
  return `${formatUsd(estimate.totalUsd)} for ${estimate.calls} calls${judges}${cached}${basis}`;
}

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
