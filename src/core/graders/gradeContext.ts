import type { Assertion, GradeResult, LlmRequest, PromptFile, ProviderResult, TestCase } from '../types';

/** Everything a grader may look at. The runner builds it; graders never reach a provider or the disk themselves. */
export interface GradeContext {
  output: string;
  prompt: PromptFile;
  test: TestCase;
  /** What the call that produced `output` costs live (a cache hit priced from its usage too); null when the model's price is unknown. */
  costUsd: number | null;
  latencyMs: number;
  /** The workspace is trusted: only then do `javascript` assertions run. */
  trusted: boolean;
  /** Judge model from the project settings (API id); an assertion's `model` or the prompt's `promptops.judgeModel` wins. */
  judgeModel: string;
  /** Makes a judge call through the run's provider, tracing and costing it like any other call. */
  callJudge(request: LlmRequest): Promise<{ result: ProviderResult; costUsd: number | null; traceId?: string }>;
  signal?: AbortSignal;
  /** API model that produced `output` (the request's model), named in messages; defaults to the prompt's model. */
  model?: string;
}

/** What a grader decides; `gradeOutput` adds the assertion's type, weight and metric. */
export type Verdict = Omit<GradeResult, 'type' | 'weight' | 'metric'>;

/** Grades one assertion (its type already stripped of `not-`). May throw: `gradeOutput` turns a crash into a hard failure. */
export type Grader = (assertion: Assertion, ctx: GradeContext) => Verdict | Promise<Verdict>;

export function verdict(pass: boolean, reason: string, extra: Partial<Verdict> = {}): Verdict {
  return { pass, score: pass ? 1 : 0, reason, ...extra };
}

/** The grader could not decide (bad assertion, unusable input, failed judge call): fails the test whatever the score. */
export function hardFailure(reason: string, extra: Partial<Verdict> = {}): Verdict {
  return { pass: false, score: 0, reason, hard: true, ...extra };
}

/** The pass line of a continuous score: the assertion's `threshold`, else the grader's default. */
export function passLine(assertion: Assertion, fallback: number): number {
  return assertion.threshold ?? fallback;
}

/** Scalars are accepted where text is expected (YAML reads `value: 42` as a number). */
export function textValue(assertion: Assertion): string | undefined {
  const v = assertion.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function textListValue(assertion: Assertion): string[] | undefined {
  const v = assertion.value;
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const items = v.map((item) => textValue({ type: assertion.type, value: item }));
  return items.every((item): item is string => item !== undefined) ? items : undefined;
}

/** Quoted and shortened for a reason line. */
export function quote(text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return JSON.stringify(oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine);
}
