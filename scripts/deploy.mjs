// `npm run deploy`: runs `suitecloud project:deploy` in suiteapp/ after `npm run build` and `npm test`.
// The SuiteCloud CLI is an optional dependency: its install downloads Oracle's SDK and needs network
// plus licence acceptance, so it is absent on offline machines.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const cli = resolve(root, 'node_modules/.bin/suitecloud');
if (!existsSync(cli)) {
  console.error(
    [
      'The SuiteCloud CLI (@oracle/suitecloud-cli) is not installed, so nothing was deployed.',
      'It is an optional dependency whose install downloads Oracle\'s SDK. On a machine with network access run:',
      '  SUITECLOUD_CLI_ACCEPT_LICENSE=true npm install @oracle/suitecloud-cli --no-save',
      '  (cd suiteapp && npx suitecloud account:setup)   # once, to authorise the target account',
      'then run `npm run deploy` again.',
    ].join('\n'),
  );
  process.exit(1);
}
const result = spawnSync(cli, ['project:deploy', ...process.argv.slice(2)], {
  cwd: resolve(root, 'suiteapp'),
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
