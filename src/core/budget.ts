import { formatUsd } from './format';
import { unknownModelWarning } from './pricing';

export type BudgetCheck = { ok: true } | { ok: false; message: string; hint: string };

/** Every place a user can set the per-run limit, named in each budget message. */
function raiseBudgetHint(suggestedUsd?: number): string {
  const value = suggestedUsd === undefined ? 'USD' : String(suggestedUsd);
  return `Raise the limit with --max-cost ${value}, the promptops.budget.perRunUsd setting, or maxCostUsd in promptops.config.yaml.`;
}

// A limit to suggest: the estimate rounded up to two significant digits, so the suggestion covers it.
function roundUp(usd: number): number {
  if (usd <= 0) return 0;
  const step = 10 ** (Math.floor(Math.log10(usd)) - 1);
  return Number((Math.ceil(usd / step) * step).toPrecision(2));
}

/**
 * Refuses a planned run whose estimate exceeds the limit, before any call. With a limit set, an unknown cost
 * (a model without a price) is refused too: the budget cannot be guaranteed.
 */
export function checkBudget(estimateUsd: number | null, maxCostUsd: number | undefined, unknownModels: readonly string[] = []): BudgetCheck {
  if (maxCostUsd === undefined) return { ok: true };
  if (estimateUsd === null) {
    const why = unknownModels.length ? ` ${unknownModels.map(unknownModelWarning).join(' ')}` : '';
    return {
      ok: false,
      message: `Cannot check the run against the ${formatUsd(maxCostUsd)} budget: its cost is unknown.${why}`,
      hint: 'Add a price for the model, or run without a budget limit.',
    };
  }
  if (estimateUsd <= maxCostUsd) return { ok: true };
  return {
    ok: false,
    message: `Estimated cost ${formatUsd(estimateUsd)} exceeds the budget of ${formatUsd(maxCostUsd)} per run.`,
    hint: raiseBudgetHint(roundUp(estimateUsd)),
  };
}

/** Tracks what a running eval has spent and says when it has crossed the limit, so the runner stops starting calls. */
export class BudgetGuard {
  private spent = 0;
  private unknownCalls = 0;

  /** `maxUsd` undefined = no limit (never exceeded). */
  constructor(readonly maxUsd: number | undefined) {}

  /** Adds a finished call's cost; a null (unknown price) cost is counted apart, as it cannot be added. */
  add(costUsd: number | null): void {
    if (costUsd === null) this.unknownCalls++;
    else this.spent += costUsd;
  }

  get spentUsd(): number {
    return this.spent;
  }

  /** Calls whose cost is unknown, so `spentUsd` is a lower bound when this is above zero. */
  get unknownCostCalls(): number {
    return this.unknownCalls;
  }

  get exceeded(): boolean {
    return this.maxUsd !== undefined && this.spent > this.maxUsd;
  }

  /** Why the run stopped, for the run's status line. */
  stopMessage(): string {
    return `Stopped: spent ${formatUsd(this.spent)}, over the budget of ${formatUsd(this.maxUsd)} per run; finished results are kept. ${raiseBudgetHint()}`;
  }
}
