// Display formatting shared by every surface (CLI tables, editor hovers, webviews), so a cost reads the same
// everywhere. Pure functions: the webview bundle imports this file too.

// Plain arithmetic rather than Intl.NumberFormat: loading ICU's number formatting costs a process ~8 MB of memory.
const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g;

/** `1,234,567`: a whole number with thousands separators. */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(THOUSANDS, ',');
}

const SMALLEST_USD = 0.000001;

/**
 * `$12.34`, `$0.25`, `$0.0041`, `$0.000041`: cents from a dollar up, two significant digits below (a single call
 * often costs a fraction of a cent); `cost unknown` when the price is unknown.
 */
export function formatUsd(usd: number | null | undefined): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return 'cost unknown';
  const abs = Math.abs(usd);
  if (abs === 0) return '$0.00';
  if (abs < SMALLEST_USD) return '<$0.000001';
  const digits = abs >= 1 ? 2 : Math.min(6, Math.max(2, 1 - Math.floor(Math.log10(abs))));
  // At least two decimals (cents), trailing zeros beyond them dropped: $0.004, not $0.0040.
  const [whole, fraction] = abs.toFixed(digits).split('.');
  const decimals = fraction.replace(/0+$/, '').padEnd(2, '0');
  return `${usd < 0 ? '-' : ''}$${whole.replace(THOUSANDS, ',')}.${decimals}`;
}

/** A sum over calls whose price was partly unknown is a lower bound, and all unknown is no number at all (never a silent $0). */
export function formatCostSum(usd: number, incomplete: boolean | undefined): string {
  if (!incomplete) return formatUsd(usd);
  return usd === 0 ? 'unknown' : `${formatUsd(usd)} + unknown`;
}

/** Shown where a number is missing (not evaluated, unknown, not applicable). */
export const NO_VALUE = '–';

function missing(n: number | null | undefined): n is null | undefined {
  return n === null || n === undefined || !Number.isFinite(n);
}

/** A 0..1 score with two decimals. */
export function formatScore(score: number | null | undefined): string {
  return missing(score) ? NO_VALUE : score.toFixed(2);
}

/** `85%`: a 0..1 fraction (a pass rate) as a whole percentage. */
export function formatPercent(fraction: number | null | undefined): string {
  return missing(fraction) ? NO_VALUE : `${Math.round(fraction * 100)}%`;
}

/** `812 ms` below ten seconds, `12.3 s` above. */
export function formatLatency(ms: number | null | undefined): string {
  if (missing(ms)) return NO_VALUE;
  return ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A signed change: `+0.12`, `−0.30`, `+$0.0041`, `+110 ms`, `+12%`; `±0.00` when it rounds to nothing. */
export function formatDelta(delta: number, prefix = '', suffix = ''): string {
  const abs = Math.abs(delta);
  // formatUsd brings its own `$` (and the `<` of dust).
  const body = prefix === '$' ? formatUsd(abs) : `${prefix}${suffix ? Math.round(abs) : abs.toFixed(2)}`;
  const sign = !/[1-9]/.test(body) ? '±' : delta > 0 ? '+' : '−';
  return `${sign}${body}${suffix}`;
}
