// The integration suite in the @vscode/test-electron form: `run()` is called by the extension host with the
// real `vscode` API. Test files are bundled into this module (mocha stays external) and loaded after mocha has
// defined its globals. The deliberately failing file is only part of the run when the harness asks for it; the
// untrusted-workspace file runs alone, in the window the harness opens without trust (PROMPTOPS_SUITE=untrusted).
import Mocha from 'mocha';

type Loader = () => Promise<unknown>;

const SUITE: Record<string, Loader> = {
  'activation.test': () => import('./activation.test'),
  'diagnostics.test': () => import('./diagnostics.test'),
  'languageFeatures.test': () => import('./languageFeatures.test'),
  'testing.test': () => import('./testing.test'),
  'runPrompt.test': () => import('./runPrompt.test'),
  'secrets.test': () => import('./secrets.test'),
  'history.test': () => import('./history.test'),
};

const HARNESS_SELF_TEST: Record<string, Loader> = {
  'harnessSelfTest.test': () => import('./harnessSelfTest.test'),
};

const UNTRUSTED: Record<string, Loader> = {
  'untrusted.test': () => import('./untrusted.test'),
};

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const files =
    process.env.PROMPTOPS_SUITE === 'untrusted' ? UNTRUSTED : { ...SUITE, ...(process.env.PROMPTOPS_HARNESS_SELFTEST === '1' ? HARNESS_SELF_TEST : {}) };
  for (const [file, load] of Object.entries(files)) {
    mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, file, mocha);
    const loaded = await load();
    mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_REQUIRE, loaded, file, mocha);
    mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_POST_REQUIRE, globalThis, file, mocha);
  }
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} integration test(s) failed.`)) : resolve()));
  });
}
