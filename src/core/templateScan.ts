// A fast, position-exact scan of a Dotprompt (Handlebars) body: variable uses, role markers and
// syntax mistakes, for diagnostics, completion, hover and per-message token hints as the user types.
// Rendering still goes through `dotprompt`/Handlebars (render.ts); this scan exists because
// Handlebars' own parser (jison) costs ~15 µs per `{{…}}`: ≈9 ms on a typical 100 KB prompt and
// ≈90 ms on one dense with variables (bench/parse-prompt.ts), too slow to rerun on every keystroke.
// It follows Handlebars' lexer rules; test/unit/templateScan.test.ts checks it against dotprompt.

export interface ScannedVariable {
  /** The input variable (first path segment), e.g. `user` for `{{user.email}}`. */
  name: string;
  /** The whole path from the input root, e.g. `user.email`. */
  path: string;
  start: number;
  end: number;
}

export interface ScannedMarker {
  /** `system`, `user`, `model` (also for `{{history}}`, after which Dotprompt continues as the model). */
  role: string;
  start: number;
  end: number;
}

export interface ScanIssue {
  start: number;
  end: number;
  severity: 'error';
  code: string;
  message: string;
  hint: string;
}

export interface TemplateScan {
  variables: ScannedVariable[];
  markers: ScannedMarker[];
  issues: ScanIssue[];
}

/** Handlebars' built-in helpers and the ones `dotprompt` registers (it compiles with `knownHelpersOnly`). */
export const KNOWN_HELPERS = new Set([
  'if', 'unless', 'each', 'with', 'lookup', 'log',
  'json', 'role', 'history', 'section', 'media', 'ifEquals', 'unlessEquals',
]);
const CONTEXT_HELPERS = new Set(['each', 'with']);
const ROLES = ['system', 'user', 'model'];

const ID = String.raw`[^\s!"#%-,.\/;->@\[-\^\x60{-~]+`;
const SEGMENT = String.raw`(?:\.\.|\[(?:\\\]|[^\]])*\]|${ID})`;
const TOKEN = {
  string: /"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/y,
  number: /-?\d+(?:\.\d+)?(?=[~}\s)]|$)/y,
  literal: /(?:true|false|null|undefined)(?=[~}\s)]|$)/y,
  blockParams: new RegExp(String.raw`as\s+\|\s*((?:${ID}\s*)+)\|`, 'y'),
  path: new RegExp(String.raw`@?(?:\.(?![.\w])|${SEGMENT})(?:[.\/]${SEGMENT})*`, 'y'),
};

type Token =
  | { kind: 'path' | 'string' | 'number' | 'literal' | 'open' | 'close'; text: string; start: number; end: number }
  | { kind: 'hashKey'; text: string; start: number; end: number }
  | { kind: 'blockParams'; names: string[]; start: number; end: number };

interface Block {
  name: string;
  start: number;
  end: number;
  changesContext: boolean;
  params: string[];
}

interface Statement {
  start: number;
  end: number;
  kind: 'mustache' | 'open' | 'close' | 'else';
  /** `{{^name}}`: renders in the current context when `name` is falsy. */
  inverse: boolean;
  tokens: Token[];
}

export function scanTemplate(template: string): TemplateScan {
  const out: TemplateScan = { variables: [], markers: [], issues: [] };
  const stack: Block[] = [];
  let i = 0;
  for (;;) {
    const open = template.indexOf('{{', i);
    if (open === -1) break;
    if (open > 0 && template[open - 1] === '\\' && template[open - 2] !== '\\') {
      i = open + 2;
      continue;
    }
    const next = statementAt(template, open, out.issues);
    if (next === null) break;
    i = next.end;
    if (next.statement) handleStatement(next.statement, stack, out);
  }
  for (const b of stack) {
    issue(out, b.start, b.end, 'template-syntax', `{{#${b.name}}} is never closed`, `Add {{/${b.name}}} where the block ends.`);
  }
  return out;
}

/** Reads one `{{…}}` at `open`; null when the rest of the template cannot be read. */
function statementAt(t: string, open: number, issues: ScanIssue[]): { end: number; statement?: Statement } | null {
  if (t.startsWith('{{{{', open)) return rawBlock(t, open, issues);
  let j = open + 2;
  if (t[j] === '~') j++;
  if (t.startsWith('!--', j)) {
    const close = /--~?\}\}/g;
    close.lastIndex = j + 3;
    const m = close.exec(t);
    if (!m) return unclosed(t, open, issues, '{{!--', '--}}');
    return { end: m.index + m[0].length };
  }
  if (t[j] === '!') {
    const close = t.indexOf('}}', j);
    if (close === -1) return unclosed(t, open, issues, '{{!', '}}');
    return { end: close + 2 };
  }
  const triple = t[j] === '{';
  if (triple) j++;
  const close = findClose(t, j);
  if (close === -1 || (triple && t[close + 2] !== '}')) return unclosed(t, open, issues, triple ? '{{{' : '{{', triple ? '}}}' : '}}');
  const end = close + (triple ? 3 : 2);
  let innerEnd = close;
  if (t[innerEnd - 1] === '~') innerEnd--;
  let at = j;
  while (at < innerEnd && isSpace(t[at])) at++;
  if (!triple && (t[at] === '>' || t.startsWith('#>', at))) {
    return failed(issues, open, end, 'Partials are not supported in PromptOps prompts', 'Inline the partial text into this prompt.');
  }
  if (!triple && (t[at] === '*' || t.startsWith('#*', at))) {
    return failed(issues, open, end, 'Decorators and inline partials are not supported in PromptOps prompts', 'Remove the decorator.');
  }
  let kind: Statement['kind'] = 'mustache';
  let exprAt = at;
  let inverse = false;
  if (!triple) {
    const c = t[at];
    if (c === '#') kind = 'open';
    else if (c === '/') kind = 'close';
    else if (c === '^') {
      kind = t.slice(at + 1, innerEnd).trim() ? 'open' : 'else';
      inverse = kind === 'open';
    } else if (t.startsWith('else', at) && (at + 4 >= innerEnd || isSpace(t[at + 4]))) {
      kind = 'else';
      exprAt = at + 3;
    }
    if (kind !== 'mustache' || c === '&') exprAt++;
  }
  const tokens = tokenize(t, exprAt, innerEnd, issues, open, end);
  if (!tokens) return { end };
  if (!tokens.length && kind !== 'else') return failed(issues, open, end, 'Empty {{ }} expression', 'Put a variable or helper name between the braces, or remove them.');
  return { end, statement: { start: open, end, kind, inverse, tokens } };
}

function failed(issues: ScanIssue[], start: number, end: number, message: string, hint: string): { end: number } {
  issues.push({ start, end, severity: 'error', code: 'template-syntax', message, hint });
  return { end };
}

/** The `}}` closing a mustache whose expression starts at `from`, skipping quoted strings; -1 when unclosed. */
function findClose(t: string, from: number): number {
  const close = t.indexOf('}}', from);
  if (close === -1) return -1;
  let plain = true;
  for (let k = from; k < close && plain; k++) plain = t[k] !== '"' && t[k] !== "'" && t[k] !== '{';
  if (plain) return close;
  for (let k = from; k < t.length; k++) {
    const c = t[k];
    if (c === '"' || c === "'") {
      const endQuote = t.indexOf(c, k + 1);
      if (endQuote === -1) return -1;
      k = endQuote;
    } else if (c === '{' && t[k + 1] === '{') {
      return -1;
    } else if (c === '}' && t[k + 1] === '}') {
      return k;
    }
  }
  return -1;
}

function rawBlock(t: string, open: number, issues: ScanIssue[]): { end: number } | null {
  const head = /^\{\{\{\{\s*([^\s}]+)[^}]*\}\}\}\}/.exec(t.slice(open, open + 200));
  if (!head) return unclosed(t, open, issues, '{{{{', '}}}}');
  const closeTag = `{{{{/${head[1]}}}}}`;
  const close = t.indexOf(closeTag, open + head[0].length);
  if (close === -1) return unclosed(t, open, issues, head[0], closeTag);
  return { end: close + closeTag.length };
}

function unclosed(t: string, open: number, issues: ScanIssue[], opener: string, closer: string): null {
  const nl = t.indexOf('\n', open);
  const end = nl === -1 ? t.length : nl;
  issues.push({ start: open, end, severity: 'error', code: 'template-syntax', message: `Unclosed ${opener}`, hint: `Close it with ${closer}.` });
  return null;
}

function tokenize(t: string, from: number, to: number, issues: ScanIssue[], stmtStart: number, stmtEnd: number): Token[] | null {
  const tokens: Token[] = [];
  let k = from;
  let depth = 0;
  while (k < to) {
    const c = t[k];
    if (isSpace(c)) {
      k++;
      continue;
    }
    if (c === '(' || c === ')') {
      depth += c === '(' ? 1 : -1;
      if (depth < 0) break;
      tokens.push({ kind: c === '(' ? 'open' : 'close', text: c, start: k, end: k + 1 });
      k++;
      continue;
    }
    let e = -1;
    if (c === '"' || c === "'") {
      if ((e = matchEnd(t, k, to, TOKEN.string)) === -1) break;
      tokens.push({ kind: 'string', text: t.slice(k, e), start: k, end: e });
    } else if ((c === '-' || (c >= '0' && c <= '9')) && (e = matchEnd(t, k, to, TOKEN.number)) !== -1) {
      tokens.push({ kind: 'number', text: t.slice(k, e), start: k, end: e });
    } else if ('tfnu'.includes(c) && (e = matchEnd(t, k, to, TOKEN.literal)) !== -1) {
      tokens.push({ kind: 'literal', text: t.slice(k, e), start: k, end: e });
    } else if (c === 'a' && (e = matchEnd(t, k, to, TOKEN.blockParams)) !== -1) {
      tokens.push({ kind: 'blockParams', names: t.slice(t.indexOf('|', k) + 1, e - 1).trim().split(/\s+/), start: k, end: e });
    } else if ((e = matchEnd(t, k, to, TOKEN.path)) !== -1) {
      let after = e;
      while (after < to && isSpace(t[after])) after++;
      if (t[after] === '=') {
        tokens.push({ kind: 'hashKey', text: t.slice(k, e), start: k, end: e });
        e = after + 1;
      } else {
        tokens.push({ kind: 'path', text: t.slice(k, e), start: k, end: e });
      }
    } else {
      break;
    }
    k = e;
  }
  if (k < to || depth !== 0) {
    const bad = k < to ? t[k] : ')';
    const at = k < to ? k : stmtEnd;
    issues.push({
      start: k < to ? at : stmtStart,
      end: k < to ? at + 1 : stmtEnd,
      severity: 'error',
      code: 'template-syntax',
      message: depth !== 0 && k >= to ? 'Unbalanced parentheses in {{ }}' : `Unexpected '${bad}' in {{ }}`,
      hint: 'Write a variable path (name.field), a helper call (helper arg key=value) or a quoted string.',
    });
    return null;
  }
  return tokens;
}

/** End of the sticky `re`'s match at `at` when it ends by `to`; -1 otherwise. `test` allocates no match array. */
function matchEnd(t: string, at: number, to: number, re: RegExp): number {
  re.lastIndex = at;
  return re.test(t) && re.lastIndex <= to ? re.lastIndex : -1;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f' || c === '\v';
}

function handleStatement(s: Statement, stack: Block[], out: TemplateScan): void {
  const { tokens } = s;
  if (s.kind === 'close') {
    const name = tokens[0]?.kind === 'path' ? tokens[0].text : '';
    const top = stack.at(-1);
    if (!top) {
      issue(out, s.start, s.end, 'template-syntax', `{{/${name}}} closes no open block`, 'Remove it, or add the {{#…}} that it closes.');
    } else {
      stack.pop();
      if (top.name !== name) {
        issue(out, s.start, s.end, 'template-syntax', `{{/${name}}} does not match {{#${top.name}}}`, `Close {{#${top.name}}} with {{/${top.name}}}.`);
      }
    }
    return;
  }
  if (s.kind === 'else' && !stack.length) {
    issue(out, s.start, s.end, 'template-syntax', '{{else}} outside a block', 'Put it inside {{#if}}…{{/if}} or {{#each}}…{{/each}}.');
    return;
  }
  const first = tokens[0];
  if (!first) return;
  // Block parameters (`as |x|`) come last, so any other token after the callee is an argument.
  const hasArgs = tokens.length > 1 && tokens[1].kind !== 'blockParams';
  const calleeIsHelper = first.kind === 'path' && (hasArgs || KNOWN_HELPERS.has(first.text));
  if (calleeIsHelper) checkHelper(first, out);
  if (s.kind === 'mustache' && first.kind === 'path' && (first.text === 'role' || first.text === 'history')) marker(s, out);
  const scope = { stack, out };
  let expectCallee = false;
  for (let n = 0; n < tokens.length; n++) {
    const tk = tokens[n];
    if (tk.kind === 'open') {
      expectCallee = true;
      continue;
    }
    if (tk.kind !== 'path') continue;
    if (expectCallee) {
      expectCallee = false;
      checkHelper(tk, out);
      continue;
    }
    if (n === 0 && calleeIsHelper) continue;
    useVariable(tk, scope);
  }
  if (s.kind === 'open') {
    const params = tokens[tokens.length - 1];
    const name = first.kind === 'path' ? first.text : '';
    stack.push({
      name,
      start: s.start,
      end: s.end,
      changesContext: !s.inverse && (CONTEXT_HELPERS.has(name) || !KNOWN_HELPERS.has(name)),
      params: params?.kind === 'blockParams' ? params.names : [],
    });
  }
}

function checkHelper(tk: { text: string; start: number; end: number }, out: TemplateScan): void {
  if (KNOWN_HELPERS.has(tk.text)) return;
  issue(out, tk.start, tk.end, 'unknown-helper', `Unknown helper '${tk.text}'`, `Use one of ${[...KNOWN_HELPERS].join(', ')}; Dotprompt allows only known helpers.`);
}

function marker(s: Statement, out: TemplateScan): void {
  const [callee, arg] = s.tokens;
  if (callee.kind !== 'path') return;
  if (callee.text === 'history') {
    out.markers.push({ role: 'model', start: s.start, end: s.end });
    return;
  }
  const role = arg?.kind === 'string' ? arg.text.slice(1, -1) : undefined;
  if (role === undefined || !ROLES.includes(role)) {
    const at = arg ?? callee;
    const got = arg === undefined ? 'nothing' : 'text' in arg ? arg.text : arg.kind;
    issue(out, at.start, at.end, 'unknown-role', `Role must be "system", "user" or "model", got ${got}`, 'Write {{role "system"}}, {{role "user"}} or {{role "model"}}.');
    return;
  }
  out.markers.push({ role, start: s.start, end: s.end });
}

/** Records a path that reads from the prompt's input (not from an `#each`/`#with` context, `@data` or a block parameter). */
function useVariable(tk: { text: string; start: number; end: number }, scope: { stack: Block[]; out: TemplateScan }): void {
  let text = tk.text;
  if (text.startsWith('@')) {
    if (!text.startsWith('@root.') && !text.startsWith('@root/')) return;
    text = text.slice(6);
  } else {
    let ups = 0;
    while (text.startsWith('../')) {
      ups++;
      text = text.slice(3);
    }
    const explicitThis = /^(?:this|\.)(?:[./]|$)/.test(text);
    if (explicitThis) text = text.replace(/^(?:this|\.)[./]?/, '');
    if (!text) return;
    const first = segments(text)[0];
    let depth = -ups;
    for (const b of scope.stack) {
      if (!explicitThis && !ups && b.params.includes(first)) return;
      if (b.changesContext) depth++;
    }
    if (depth > 0) return;
  }
  const parts = segments(text);
  if (!parts.length || parts[0] === '..') return;
  scope.out.variables.push({ name: parts[0], path: parts.join('.'), start: tk.start, end: tk.end });
}

function segments(path: string): string[] {
  if (!path.includes('[')) return path.split(/[./]/);
  const parts = path.match(/\[(?:\\\]|[^\]])*\]|[^./[]+/g) ?? [];
  return parts.map(unbracket);
}

function unbracket(segment: string): string {
  return segment.startsWith('[') ? segment.slice(1, -1) : segment;
}

function issue(out: TemplateScan, start: number, end: number, code: string, message: string, hint: string): void {
  out.issues.push({ start, end, severity: 'error', code, message, hint });
}
