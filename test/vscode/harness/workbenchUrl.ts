// code-server has no --extensionDevelopmentPath/--extensionTestsPath flags; its workbench reads them
// from the URL's `payload` (honoured only with --vscode-option enable-smoke-test-driver).
export interface WorkbenchPayload {
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
  /** Variables for the extension host, like test-electron's `extensionTestsEnv`. */
  extensionEnvironment?: Record<string, string>;
}

export function workbenchUrl(serverUrl: string, folder: string, payload: WorkbenchPayload = {}): string {
  const remote = (file: string) => `vscode-remote://${new URL(serverUrl).host}${file}`;
  const entries: [string, string][] = [];
  if (payload.extensionDevelopmentPath) entries.push(['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]);
  if (payload.extensionTestsPath) entries.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
  if (payload.extensionEnvironment) entries.push(['extensionEnvironment', JSON.stringify(payload.extensionEnvironment)]);
  const query = new URLSearchParams({ folder });
  if (entries.length) query.set('payload', JSON.stringify(entries));
  return `${serverUrl}/?${query.toString()}`;
}
