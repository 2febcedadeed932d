// Colour only on a terminal that wants it (NO_COLOR, FORCE_COLOR honoured); pipes and files get plain text.
const enabled = process.env.NO_COLOR === undefined && (process.env.FORCE_COLOR !== undefined || process.stdout.isTTY === true);

const wrap = (code: number) => (text: string): string => (enabled ? `\x1b[${code}m${text}\x1b[0m` : text);

export const green = wrap(32);
export const red = wrap(31);
export const yellow = wrap(33);
export const dim = wrap(2);
export const bold = wrap(1);
