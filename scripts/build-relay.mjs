// Bundles the relay (relay/src/index.ts and what it imports from shared/src) into relay/dist/index.js.
// npm packages stay external: they are installed beside it.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const entry = resolve(root, 'relay/src/index.ts');
if (!existsSync(entry)) {
  console.log('relay: no relay/src/index.ts yet, nothing to build');
} else {
  await build({
    entryPoints: [entry],
    outfile: resolve(root, 'relay/dist/index.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  console.log('relay: built relay/dist/index.js');
}
