// The API key must never reach a log, trace, store entry, webview or error message. Callers pass the
// secrets they hold; anything shaped like an Anthropic key is masked too, as a second line of defence.

const REDACTED = '[REDACTED]';
const ANTHROPIC_KEY_PATTERN = /sk-ant-[A-Za-z0-9_-]{8,}/g;
// Shorter "secrets" would mask ordinary words; real keys are far longer.
const MIN_SECRET_LENGTH = 6;

export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= MIN_SECRET_LENGTH && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out.replace(ANTHROPIC_KEY_PATTERN, REDACTED);
}
