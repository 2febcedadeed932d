// Messages between the extension host and the eval-history panel. Imported by both sides, so a
// message that one side sends and the other does not understand is a compile error. Every string
// that can hold model output is rendered by the page as text, never as HTML.

/** One version of the prompt (a commit, or the working copy) with its eval summary if it has one. */
export interface HistoryVersion {
  /** Full sha, or `working` for the working copy. */
  commit: string;
  shortSha: string;
  /** ISO date. */
  date: string;
  author: string;
  subject: string;
  evaluated: boolean;
  meanScore?: number;
  passRate?: number;
  /** Cost of one run of the suite, judge calls included; null when a price is unknown. */
  costUsd?: number | null;
  /** Mean latency per call. */
  latencyMs?: number;
  tests?: number;
}

/** The versions with no stored run, and what evaluating them is expected to cost. */
export interface MissingVersions {
  count: number;
  estimateUsd: number | null;
  /** True when the output tokens are priced at max_tokens (no history yet): an upper bound. */
  upperBound: boolean;
}

export interface TestResultRow {
  id: string;
  score: number;
  pass: boolean;
  error?: string;
  output: string;
  costUsd: number | null;
  latencyMs: number;
}

export type DiffVerdict = 'regression' | 'improvement' | 'within-noise' | 'unchanged' | 'added' | 'removed' | 'no-repeats' | 'errored';

export interface DiffRow {
  id: string;
  before?: number;
  after?: number;
  delta?: number;
  /** 95% confidence interval of the mean difference, when there were repeats. */
  ci?: [number, number];
  flip?: 'pass-to-fail' | 'fail-to-pass';
  verdict: DiffVerdict;
}

export interface DiffSummary {
  before: string;
  after: string;
  meanDelta: number;
  ci?: [number, number];
  verdict: DiffVerdict;
  costDeltaUsd: number | null;
  latencyDeltaMs: number;
  regressions: number;
  improvements: number;
}

export interface TraceRow {
  traceId: string;
  time: string;
  /** The call's kind: `prompt` or `judge`. */
  operation: string;
  model: string;
  promptPath: string;
  testId?: string;
  inputTokens?: number;
  outputTokens?: number;
  costUsd: number | null;
  latencyMs: number;
  error?: string;
}

export interface TraceDetail extends TraceRow {
  system?: string;
  messages: { role: string; content: string }[];
  output?: string;
}

export type HostToView =
  | { type: 'noPrompt'; reason: string }
  | { type: 'history'; file: string; note?: string; versions: HistoryVersion[]; latest: TestResultRow[]; missing?: MissingVersions }
  | { type: 'diff'; rows: DiffRow[]; summary: DiffSummary }
  | { type: 'traces'; rows: TraceRow[]; testIds: string[] }
  | { type: 'traceDetail'; trace: TraceDetail }
  | { type: 'busy'; message: string }
  | { type: 'error'; message: string };

export type ViewToHost =
  | { type: 'ready' }
  | { type: 'compare'; before: string; after: string }
  | { type: 'runHistory' }
  | { type: 'filterTraces'; testId?: string }
  | { type: 'openTrace'; traceId: string };

/** State the page keeps across reloads (`getState`/`setState`). */
export interface PanelState {
  selected: string[];
  tab: 'history' | 'traces';
  traceTestId?: string;
}
