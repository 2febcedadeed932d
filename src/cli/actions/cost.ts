// `promptops cost`: the estimate of evaluating the prompts, with no model call (exact input-token counts
// through the API's count_tokens when a key is set; counting costs nothing).
import { estimatePlan } from '../../core/planEstimate';
import { formatProblem, hasErrors } from '../../core/problems';
import { createAnthropicProvider } from '../../core/providers/anthropic';
import { buildPlan } from '../../core/runPlan';
import { createTokenCounter } from '../../core/tokenCounter';
import { EXIT_OK, EXIT_USAGE } from '../exitCodes';
import { formatEstimate, formatEstimateTable } from '../present/evalOutput';
import { openSession, pathsOrCwd } from '../session';

export interface CostFlags {
  repeat: number;
  cache: boolean;
}

export async function costAction(paths: string[], flags: CostFlags): Promise<number> {
  const targets = pathsOrCwd(paths);
  const opened = await openSession(targets[0]);
  if (!opened.ok) {
    for (const line of opened.lines) process.stderr.write(`${line}\n`);
    return EXIT_USAGE;
  }
  const { root, config, traceLog, cache, apiKey, tokenCounts } = opened.session;
  const plan = await buildPlan({ workspaceRoot: root, paths: targets, config });
  for (const p of plan.problems) process.stderr.write(`${formatProblem(p, process.cwd())}\n`);
  if (hasErrors(plan.problems)) return EXIT_USAGE;

  const counter = apiKey ? createAnthropicProvider({ apiKey, baseURL: config.baseURL, timeoutMs: config.requestTimeoutSeconds * 1000 }) : undefined;
  const estimate = await estimatePlan(plan, {
    config,
    repeat: flags.repeat,
    traceLog,
    cache: flags.cache ? cache : undefined,
    tokenCounter: createTokenCounter({ provider: counter, cache: tokenCounts }),
  });
  process.stdout.write(`${formatEstimateTable(estimate, estimate.exactInputTokens)}\n\n`);
  process.stdout.write(`${formatEstimate(estimate, { maxCostUsd: config.maxCostUsd, exactInput: estimate.exactInputTokens, repeat: flags.repeat })}\n`);
  return EXIT_OK;
}
