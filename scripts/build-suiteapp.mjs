// Compiles the TypeScript SuiteScripts (suiteapp/ts/customscript_*.ts) into SuiteScript 2.1 AMD
// modules in the SDF FileCabinet folder. Each entry point becomes `<scriptid>.js`; code shared by
// several entries (mostly shared/src) becomes AMD modules under `lib/`, loaded by relative path.
// The JSDoc header (@NApiVersion/@NScriptType) of each entry is re-emitted as the file's banner,
// because NetSuite reads it from the top of the deployed file.
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';

const root = resolve(import.meta.dirname, '..');
export const APP_FOLDER = join(root, 'suiteapp/src/FileCabinet/SuiteApps/com.mlfx.fedexconnector');
const sourceDir = join(root, 'suiteapp/ts');

const entries = readdirSync(sourceDir)
  .filter((f) => /^customscript_[a-z0-9_]+\.ts$/.test(f))
  .map((f) => join(sourceDir, f));

/** The leading block comment that carries `@NApiVersion`, or an error naming the file. */
function scriptHeader(file) {
  const source = readFileSync(file, 'utf8');
  const match = /^\s*(\/\*\*[\s\S]*?\*\/)/.exec(source);
  if (!match || !/@NApiVersion\s+2\.1/.test(match[1]) || !/@NScriptType\s+\w+/.test(match[1])) {
    throw new Error(`${basename(file)}: must open with a JSDoc header carrying @NApiVersion 2.1 and @NScriptType`);
  }
  return match[1].replace(/^\/\*\*/, '/**!'); // `/**!` keeps it through any later minifier
}

mkdirSync(APP_FOLDER, { recursive: true });
for (const f of readdirSync(APP_FOLDER)) {
  if (f.endsWith('.js') || f === 'lib') rmSync(join(APP_FOLDER, f), { recursive: true, force: true });
}

if (entries.length > 0) {
  const bundle = await rollup({
    input: Object.fromEntries(entries.map((f) => [basename(f, '.ts'), f])),
    external: (id) => id === 'N' || id.startsWith('N/'),
    plugins: [esbuild({ target: 'es2019', tsconfig: join(root, 'tsconfig.suiteapp.json') })],
    onwarn(warning) {
      throw new Error(`rollup: ${warning.message}`);
    },
  });
  await bundle.write({
    dir: APP_FOLDER,
    format: 'amd',
    entryFileNames: '[name].js',
    chunkFileNames: 'lib/[name].js',
    manualChunks: (id) => (id.includes('/shared/src/') ? 'mlfx-shared' : undefined),
    banner: (chunk) => (chunk.isEntry && chunk.facadeModuleId ? scriptHeader(chunk.facadeModuleId) : ''),
    generatedCode: 'es2015',
    // N modules are plain objects in NetSuite: use them as they are, no interop wrappers.
    interop: 'esModule',
    externalLiveBindings: false,
  });
  await bundle.close();
}
console.log(`suiteapp: ${entries.length} script(s) compiled to ${APP_FOLDER.slice(root.length + 1)}`);
