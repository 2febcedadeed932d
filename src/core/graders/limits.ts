import { formatUsd } from '../format';
import { hardFailure, verdict, type Grader } from './gradeContext';

function limitValue(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** `cost`: the call cost at most `value` USD. An unknown price cannot be checked, so it is a hard failure. */
export const cost: Grader = (assertion, ctx) => {
  const max = limitValue(assertion.value);
  if (max === undefined) return hardFailure('cost needs the maximum USD per call as its value, e.g. 0.002');
  const expected = `≤ ${formatUsd(max)}`;
  if (ctx.costUsd === null) {
    const model = ctx.model ?? ctx.prompt.model ?? 'the prompt';
    return hardFailure(`cost unknown for model ${model}: add its price under pricing in promptops.config.yaml`, { expected });
  }
  const pass = ctx.costUsd <= max;
  const actual = formatUsd(ctx.costUsd);
  return verdict(pass, `call cost ${actual} ${pass ? '≤' : '>'} ${formatUsd(max)}`, { expected, actual });
};

/** `latency`: the call took at most `value` milliseconds. */
export const latency: Grader = (assertion, ctx) => {
  const max = limitValue(assertion.value);
  if (max === undefined) return hardFailure('latency needs the maximum milliseconds as its value, e.g. 3000');
  const pass = ctx.latencyMs <= max;
  return verdict(pass, `call took ${Math.round(ctx.latencyMs)} ms ${pass ? '≤' : '>'} ${max} ms`, {
    expected: `≤ ${max} ms`,
    actual: `${Math.round(ctx.latencyMs)} ms`,
  });
};
