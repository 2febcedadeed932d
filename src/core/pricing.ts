import table from './pricing.json';
import type { ModelPrice, Usage } from './types';

/** Per-model price overrides (USD per million tokens), keyed by model id or alias, `anthropic/` prefix allowed. */
export type PriceOverrides = Record<string, Partial<ModelPrice>>;

export interface ModelEntry {
  /** Canonical (dated) API id. */
  id: string;
  aliases: string[];
  price: ModelPrice;
}

/** Where the built-in prices come from, for hovers and reports ("prices as of …"). */
export const PRICING_INFO: { asOf: string; source: string; note: string; batchDiscount: number } = {
  asOf: table.asOf,
  source: table.source,
  note: table.note,
  batchDiscount: table.batchDiscount,
};

// Anthropic's usual cache multiples of the input price; used to complete an override that gives only input/output.
const CACHE_WRITE_5M = 1.25;
const CACHE_WRITE_1H = 2;
const CACHE_READ = 0.1;

const PROVIDER_PREFIX = 'anthropic/';

const ENTRIES: ModelEntry[] = Object.entries(table.models).map(([id, m]) => ({
  id,
  aliases: m.aliases,
  price: { input: m.input, output: m.output, cacheWrite5m: m.cacheWrite5m, cacheWrite1h: m.cacheWrite1h, cacheRead: m.cacheRead },
}));

const BY_NAME = new Map<string, ModelEntry>(ENTRIES.flatMap((e) => [e.id, ...e.aliases].map((name) => [name, e] as const)));

/** The API id without the `anthropic/` provider prefix a prompt file may write. */
export function bareModelId(id: string): string {
  const trimmed = id.trim();
  return trimmed.startsWith(PROVIDER_PREFIX) ? trimmed.slice(PROVIDER_PREFIX.length) : trimmed;
}

/** Every id the table prices, aliases first within each model (what completion offers). */
export function knownModelIds(): string[] {
  return ENTRIES.flatMap((e) => [...e.aliases, e.id]);
}

/** The table's entry for an id or alias (with or without `anthropic/`). */
export function resolveModel(id: string): ModelEntry | undefined {
  return BY_NAME.get(bareModelId(id));
}

/** True when the model has a price: in the table, or completely given by `overrides`. */
export function isKnownModel(id: string, overrides?: PriceOverrides): boolean {
  return priceFor(id, overrides) !== undefined;
}

/** The model's prices with `overrides` merged over the table; undefined when nothing prices it. */
export function priceFor(model: string, overrides?: PriceOverrides): ModelPrice | undefined {
  const bare = bareModelId(model);
  const entry = BY_NAME.get(bare);
  const override = overrideFor(entry ? [entry.id, ...entry.aliases, bare] : [bare], overrides);
  if (entry) return { ...entry.price, ...override };
  if (override.input === undefined || override.output === undefined) return undefined;
  return {
    input: override.input,
    output: override.output,
    cacheWrite5m: override.cacheWrite5m ?? override.input * CACHE_WRITE_5M,
    cacheWrite1h: override.cacheWrite1h ?? override.input * CACHE_WRITE_1H,
    cacheRead: override.cacheRead ?? override.input * CACHE_READ,
  };
}

// Later names win: an override written for the exact id the prompt uses beats one for its canonical id.
function overrideFor(names: string[], overrides: PriceOverrides | undefined): Partial<ModelPrice> {
  const merged: Partial<ModelPrice> = {};
  if (!overrides) return merged;
  const byName = new Map<string, Partial<ModelPrice>>();
  for (const [key, value] of Object.entries(overrides)) {
    if (value && typeof value === 'object') byName.set(bareModelId(key), value);
  }
  for (const name of names) {
    for (const [field, value] of Object.entries(byName.get(name) ?? {})) {
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) merged[field as keyof ModelPrice] = value;
    }
  }
  return merged;
}

/**
 * USD cost of one call from its usage; null when the model has no price (never a silent 0).
 * Cache writes split by TTL when the usage reports the split; any unsplit remainder is charged at the 5-minute price.
 */
export function costOf(model: string, usage: Usage, options: { overrides?: PriceOverrides; batch?: boolean } = {}): number | null {
  const price = priceFor(model, options.overrides);
  if (!price) return null;
  const write1h = usage.cacheCreation1hInputTokens ?? 0;
  const write5m = Math.max(usage.cacheCreationInputTokens - write1h, usage.cacheCreation5mInputTokens ?? 0);
  const perMillion =
    usage.inputTokens * price.input +
    usage.outputTokens * price.output +
    write5m * price.cacheWrite5m +
    write1h * price.cacheWrite1h +
    usage.cacheReadInputTokens * price.cacheRead;
  return (perMillion / 1_000_000) * (options.batch ? PRICING_INFO.batchDiscount : 1);
}

/** What to tell the user when a model has no price, with the fix. */
export function unknownModelWarning(model: string): string {
  const id = bareModelId(model);
  return (
    `No price for model "${id}", so its cost is unknown. ` +
    `Add a price override (USD per million tokens) under the promptops.pricing setting or the pricing: block of promptops.config.yaml, ` +
    `e.g. pricing: { "${id}": { input: 3, output: 15 } }.`
  );
}
