// The types every layer agrees on: file → parsed prompt → rendered request → provider → response
// → graders → run record → stores → views. Positions are 1-based (line and column), as printed
// by the CLI (`file:line:col`); the extension converts to VS Code's 0-based positions.

export type JsonSchema = Record<string, unknown>;

export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

/** A problem in a user's file, reported as data (never thrown). */
export interface Problem {
  file: string;
  range: Range;
  severity: Severity;
  /** Stable machine code, e.g. `yaml-syntax`, `unknown-model`, `missing-variable`. */
  code: string;
  message: string;
  /** How to fix it, in one sentence. */
  hint?: string;
}

/** Generation settings in Dotprompt's names (`config:` block). */
export interface GenerationConfig {
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
}

/** A template variable used in the body, with where it is used. */
export interface VariableUse {
  /** The input variable: the first segment of the path (`user` for `{{user.email}}`). */
  name: string;
  /** The whole path read from the input, e.g. `user.email`. */
  path?: string;
  /** Range of the path as written inside the braces. */
  range: Range;
}

/** One `{{role "..."}}` block of the template (or the implicit user block when none is given). */
export interface MessageBlock {
  role: 'system' | 'user' | 'model';
  /** Range of the block in the prompt file, from its marker to the end of its text. */
  range: Range;
}

/** A parsed `*.prompt` file. Always produced, even when it has errors (see `problems`). */
export interface PromptFile {
  /** Absolute path. */
  path: string;
  source: string;
  /** sha256 of the file's bytes with line endings normalised (the prompt version's identity). */
  hash: string;
  name: string;
  description?: string;
  /** As written, e.g. `anthropic/claude-sonnet-4-5`; undefined when the file sets none. */
  modelRef?: string;
  /** API model id, e.g. `claude-sonnet-4-5` (the `anthropic/` prefix removed). */
  model?: string;
  config: GenerationConfig;
  inputSchema?: JsonSchema;
  inputDefaults: Record<string, unknown>;
  outputFormat?: 'json' | 'text';
  outputSchema?: JsonSchema;
  /** Our own front-matter settings under `promptops.*` keys (e.g. `promptops.judgeModel`). */
  ext: Record<string, unknown>;
  /** The Handlebars body (everything after the front matter). */
  template: string;
  /** 1-based line in the file where the body starts. */
  templateStartLine: number;
  variables: VariableUse[];
  messages: MessageBlock[];
  problems: Problem[];
}

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** A provider-neutral request, already rendered. Canonical JSON of it is the cache key. */
export interface LlmRequest {
  /** API model id. */
  model: string;
  system?: string;
  messages: ChatMessage[];
  maxTokens: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
  /** Set when `output.format: json`: the answer must be JSON matching this schema. */
  outputSchema?: JsonSchema;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Prompt-cache writes; split by TTL when the API reports it. */
  cacheCreationInputTokens: number;
  cacheCreation5mInputTokens?: number;
  cacheCreation1hInputTokens?: number;
  cacheReadInputTokens: number;
}

export interface LlmResponse {
  text: string;
  /** Model id the API reports. */
  model: string;
  id?: string;
  stopReason?: string;
  usage: Usage;
  latencyMs: number;
  /** Answered from the response cache: cost nothing now. */
  cached?: boolean;
  /** Answered by the replay provider from a recording, not by a live model. */
  recorded?: boolean;
  /** For a recorded answer: recorded from a live call, or written by hand as a sample. */
  recordingSource?: RecordingSource;
}

export type RecordingSource = 'live' | 'hand-written sample answer';

export interface ProviderError {
  /** Short class, used as OTel `error.type`: `rate_limit`, `overloaded`, `server_error`, `timeout`, `connection`, `auth`, `invalid_request`, `aborted`, `no_recording`, ... */
  type: string;
  message: string;
  status?: number;
  retryable: boolean;
}

export type ProviderResult =
  | { ok: true; response: LlmResponse }
  | { ok: false; error: ProviderError; latencyMs: number };

export interface CompleteOptions {
  signal?: AbortSignal;
  /** When given, the provider streams and calls this with each text delta. */
  onText?: (delta: string) => void;
}

/** Takes a rendered request, returns a response or an error as data. Never throws for API failures. */
export interface Provider {
  readonly id: 'anthropic' | 'replay' | string;
  complete(request: LlmRequest, options?: CompleteOptions): Promise<ProviderResult>;
  /** Exact input-token count, when the provider can give one. */
  countTokens?(request: LlmRequest, signal?: AbortSignal): Promise<number>;
}

/** One assertion in a `*.tests.yaml` (`not-` prefix negates its type). */
export interface Assertion {
  type: string;
  value?: unknown;
  threshold?: number;
  weight?: number;
  metric?: string;
  /** llm-judge: a judge model overriding the configured one. */
  model?: string;
  range?: Range;
}

export interface TestCase {
  /** Stable id, unique in its file; matches tests across commits. */
  id: string;
  description?: string;
  vars: Record<string, unknown>;
  assert: Assertion[];
  threshold: number;
  /** Range of the test's entry (its `id:` line) in the tests file, or of its dataset row's file. */
  range: Range;
  /** Set for tests that came from a `dataset:` file. */
  source?: string;
}

export interface TestSuite {
  /** Absolute path of the `*.tests.yaml`. */
  path: string;
  /** Absolute path of the prompt it tests. */
  promptPath: string;
  /** sha256 of the tests file (and dataset files) content. */
  hash: string;
  tests: TestCase[];
  problems: Problem[];
}

export interface GradeResult {
  /** The assertion's type as written (with `not-` when negated). */
  type: string;
  pass: boolean;
  /** 0..1. */
  score: number;
  weight: number;
  reason: string;
  /** A failure that fails the test whatever the weighted score (e.g. invalid JSON for json-schema, a grader error). */
  hard?: boolean;
  expected?: string;
  actual?: string;
  metric?: string;
  /** Judge call usage and cost for llm-judge. */
  judge?: { model: string; usage: Usage; costUsd: number | null; traceId?: string };
}

/** The result of one test case (one repeat). Errors are data. */
export interface TestResult {
  id: string;
  promptPath: string;
  repeatIndex: number;
  score: number;
  pass: boolean;
  /** Set when the call or grading could not complete (the test counts as errored). */
  error?: ProviderError;
  assertions: GradeResult[];
  output: string;
  usage: Usage;
  /** Cost of the prompt call (null when the model's price is unknown). */
  costUsd: number | null;
  /** Cost of judge calls for this test. */
  judgeCostUsd: number;
  latencyMs: number;
  cached: boolean;
  recorded: boolean;
  /** For a recorded answer: recorded from a live call, or written by hand as a sample. */
  recordingSource?: RecordingSource;
  traceId?: string;
}

export interface RunTotals {
  tests: number;
  passed: number;
  failed: number;
  errored: number;
  costUsd: number;
  judgeCostUsd: number;
  inputTokens: number;
  outputTokens: number;
  durationMs: number;
  /** True when some call's cost was unknown (unknown model price). */
  costIncomplete?: boolean;
}

/** One eval run of one prompt version against one test suite; what history and diff read. */
export interface RunRecord {
  runId: string;
  startedAt: string;
  finishedAt?: string;
  status: 'running' | 'completed' | 'cancelled' | 'budget-stopped' | 'failed';
  prompt: { path: string; hash: string; commit: string | 'dirty' | 'none' };
  tests: { path: string; hash: string };
  model: string;
  provider: string;
  gradersVersion: string;
  repeat: number;
  /** Ids of the tests run when the run was limited to some of the suite (`--test`); absent = the whole suite. */
  selection?: string[];
  estimatedCostUsd?: number | null;
  results: TestResult[];
  totals: RunTotals;
}

/** A model call of a test: the prompt itself, or an `llm-judge` assertion grading its answer. */
export type CallKind = 'prompt' | 'judge';

/** One line of the trace log (`.promptops/traces/*.jsonl`), OpenTelemetry GenAI names plus ours. */
export interface TraceRecord {
  trace_id: string;
  span_id: string;
  start_time: string;
  duration_ms: number;
  /** Always `chat` now; lines written before `promptops.call.kind` existed say `judge` for judge calls. */
  'gen_ai.operation.name': 'chat' | 'judge';
  'gen_ai.provider.name': string;
  'gen_ai.request.model': string;
  'gen_ai.request.max_tokens': number;
  'gen_ai.request.temperature'?: number;
  'gen_ai.response.id'?: string;
  'gen_ai.response.model'?: string;
  'gen_ai.response.finish_reasons'?: string[];
  'gen_ai.usage.input_tokens'?: number;
  'gen_ai.usage.output_tokens'?: number;
  'gen_ai.usage.cache_read.input_tokens'?: number;
  'gen_ai.usage.cache_creation.input_tokens'?: number;
  'error.type'?: string;
  'error.message'?: string;
  'promptops.prompt.path': string;
  'promptops.prompt.hash': string;
  'promptops.git.commit': string;
  'promptops.test.id'?: string;
  'promptops.run.id'?: string;
  'promptops.cost_usd': number | null;
  'promptops.cached'?: boolean;
  'promptops.recorded'?: boolean;
  /** Which of our calls this was: the prompt under test, or a judge grading its answer (absent on old lines). */
  'promptops.call.kind'?: CallKind;
  input: { system?: string; messages: ChatMessage[] };
  output?: string;
}

/** Where side effects go; the CLI passes a console logger, the extension a LogOutputChannel. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Prices of one model in USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
}

/** Settings shared by the CLI (`promptops.config.yaml`) and the extension (`promptops.*` settings). */
export interface ProjectConfig {
  /** Model for prompts whose front matter sets none (API id). */
  defaultModel: string;
  /** Model that grades `llm-judge` assertions unless the assertion or prompt names another. */
  judgeModel: string;
  /** Calls in flight at once. */
  concurrency: number;
  /** Refuse or stop a run whose cost would exceed this (USD); undefined = no limit. */
  maxCostUsd?: number;
  /** Anthropic API base URL; the `ANTHROPIC_BASE_URL` environment variable also sets it. */
  baseURL?: string;
  /** Per-model price overrides, merged over `pricing.json`. */
  pricing: Record<string, Partial<ModelPrice>>;
  /** `max_tokens` for prompts whose config sets no `maxOutputTokens`. */
  defaultMaxTokens: number;
  /** How long one API request may take before it is abandoned as timed out (seconds). */
  requestTimeoutSeconds: number;
}
