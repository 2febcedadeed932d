import { randomBytes } from 'node:crypto';

// The one HTML factory for every PromptOps webview. It takes plain strings (no vscode import) so the
// browser tests can serve exactly the page the extension serves, with the same CSP.

export interface WebviewPage {
  title: string;
  /** `webview.cspSource` in VS Code; the test server's origin in the browser tests. */
  cspSource: string;
  scriptUri: string;
  styleUris: string[];
  nonce?: string;
}

function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function webviewHtml(page: WebviewPage): string {
  const nonce = page.nonce ?? newNonce();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${page.cspSource}`,
    `img-src ${page.cspSource} data:`,
    `font-src ${page.cspSource}`,
  ].join('; ');
  const styles = page.styleUris.map((u) => `<link rel="stylesheet" href="${escapeAttribute(u)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeAttribute(page.title)}</title>
  </head>
  <body>
    <div id="app"></div>
    <script nonce="${nonce}" src="${escapeAttribute(page.scriptUri)}"></script>
  </body>
</html>`;
}
