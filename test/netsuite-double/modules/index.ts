// The module registry: 'N/x' → factory. A factory is called once per invocation (see types.ts
// ModuleFactory), so every call it serves charges that invocation's governance.
//
// To add a module: `moduleFactories.set('N/x', createXModule)` here (or registerModuleFactory
// from a test). Modules SuiteScript has but nobody registered still load: every function of
// theirs throws "not implemented in the test double: N/x.fn" (sandbox/module-surface.ts).
import type { ModuleFactory } from '../types.js';
import { createErrorModule } from './error.js';
import { createLogModule } from './log.js';
import { createRecordModule } from './record.js';
import { createRuntimeModule } from './runtime.js';
import { createSearchModule } from './search.js';
// The I/O half (other helper): N/https, N/crypto, N/encode, … register here as they land.
import { createHttpsModule } from './https.js';
import { createCryptoModule } from './crypto.js';
import { createEncodeModule } from './encode.js';
import { createFileModule } from './file.js';
import { createUrlModule } from './url.js';
import { createTaskModule } from './task.js';
import { createCacheModule } from './cache.js';
import { createServerWidgetModule } from '../ui/server-widget.js';

export const moduleFactories = new Map<string, ModuleFactory>([
  ['N/record', createRecordModule],
  ['N/search', createSearchModule],
  ['N/runtime', createRuntimeModule],
  ['N/log', createLogModule],
  ['N/error', createErrorModule],
  ['N/https', createHttpsModule],
  ['N/crypto', createCryptoModule],
  ['N/encode', createEncodeModule],
  ['N/file', createFileModule],
  ['N/url', createUrlModule],
  ['N/task', createTaskModule],
  ['N/cache', createCacheModule],
  ['N/ui/serverWidget', createServerWidgetModule],
]);

/** Registers (or replaces) the factory of a module for every account created afterwards. */
export function registerModuleFactory(moduleId: string, factory: ModuleFactory): void {
  if (!/^N\/[A-Za-z]+(\/[A-Za-z]+)*$/.test(moduleId)) throw new Error(`not an N/ module id: ${moduleId}`);
  moduleFactories.set(moduleId, factory);
}
