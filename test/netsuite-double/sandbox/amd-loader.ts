// The AMD loader NetSuite runs scripts with, for one invocation: `define(deps, factory)` with
// 'require', 'exports', 'module', 'N/…' modules (this invocation's instances), relative ids
// ('./lib/x', '../x') against the requiring file's folder, and File Cabinet ids ('/SuiteApps/…',
// 'SuiteScripts/…') from the root. Anything else fails as NetSuite fails it: a
// SuiteScriptModuleLoaderError MODULE_DOES_NOT_EXIST ("require('fs')" included).
import { posix } from 'node:path';
import type { DeployedFiles } from './deployed-files.js';
import type { Realm } from './realm.js';
import { createSuiteScriptError } from '../modules/error.js';

type Factory = (...args: unknown[]) => unknown;
interface Definition {
  deps: string[];
  factory: Factory | object;
}
interface LoadedModule {
  exports: Record<string, unknown>;
  state: 'loading' | 'ready';
}

export interface AmdLoaderOptions {
  realm: Realm;
  files: DeployedFiles;
  /** The invocation's instance of an N/ module, or undefined when SuiteScript has no such module. */
  nModule: (id: string) => object | undefined;
}

export class AmdLoader {
  readonly #modules = new Map<string, LoadedModule>();
  #pending: Definition[] = [];

  constructor(readonly options: AmdLoaderOptions) {
    const { realm } = options;
    realm.install('define', this.#define);
    realm.install('require', this.#makeRequire('/'));
  }

  /** Loads a File Cabinet file ('/SuiteApps/…/x.js') and returns what its factory produced. */
  load(cabinetPath: string): Record<string, unknown> {
    const path = cabinetPath.endsWith('.js') ? cabinetPath : `${cabinetPath}.js`;
    const existing = this.#modules.get(path);
    if (existing) return existing.exports;
    const disk = this.options.files.resolve(path);
    if (!disk) throw this.#missing(path);
    const module: LoadedModule = { exports: new this.options.realm.Object() as Record<string, unknown>, state: 'loading' };
    this.#modules.set(path, module);
    try {
      this.#pending = [];
      this.options.files.compiled(disk).runInContext(this.options.realm.context);
      const definitions = this.#pending;
      this.#pending = [];
      if (definitions.length !== 1) {
        throw createSuiteScriptError(
          { name: 'SSS_INVALID_SCRIPT', type: 'error.SuiteScriptModuleLoaderError', message: `${path} must call define() exactly once (called ${definitions.length} times)` },
          this.options.realm.Error,
        );
      }
      this.#instantiate(path, module, definitions[0]!);
      module.state = 'ready';
      return module.exports;
    } catch (error) {
      this.#modules.delete(path);
      throw error;
    }
  }

  #instantiate(path: string, module: LoadedModule, definition: Definition): void {
    if (typeof definition.factory !== 'function') {
      module.exports = definition.factory as Record<string, unknown>;
      return;
    }
    const folder = posix.dirname(path);
    const moduleObject = { id: path, uri: path, exports: module.exports };
    const args = definition.deps.map((dep) => {
      if (dep === 'exports') return module.exports;
      if (dep === 'module') return moduleObject;
      if (dep === 'require') return this.#makeRequire(folder);
      return this.#resolveDependency(folder, dep);
    });
    const returned = (definition.factory as Factory)(...args);
    if (returned !== undefined) module.exports = returned as Record<string, unknown>;
    else if (moduleObject.exports !== module.exports) module.exports = moduleObject.exports;
  }

  #resolveDependency(folder: string, id: string): unknown {
    if (id === 'N' || id.startsWith('N/')) {
      const instance = this.options.nModule(id);
      if (!instance) throw this.#missing(id);
      return instance;
    }
    return this.load(this.#cabinetPath(folder, id));
  }

  #cabinetPath(folder: string, id: string): string {
    if (id.startsWith('./') || id.startsWith('../')) return posix.normalize(posix.join(folder, id));
    // NetSuite resolves other ids from the File Cabinet root ('SuiteScripts/x', '/SuiteApps/…').
    return posix.normalize(id.startsWith('/') ? id : `/${id}`);
  }

  #missing(id: string) {
    return createSuiteScriptError(
      { name: 'MODULE_DOES_NOT_EXIST', type: 'error.SuiteScriptModuleLoaderError', message: `Module does not exist: ${id.endsWith('.js') || id.startsWith('N/') ? id : `${id}.js`}` },
      this.options.realm.Error,
    );
  }

  readonly #define = (...args: unknown[]): void => {
    // define(factory) | define(deps, factory) | define(id, deps, factory) | define(id, factory)
    if (typeof args[0] === 'string') args.shift();
    let deps: string[];
    let factory: unknown;
    if (Array.isArray(args[0])) {
      deps = (args[0] as unknown[]).map(String);
      factory = args[1];
    } else {
      factory = args[0];
      deps = typeof factory === 'function' && factory.length > 0 ? ['require', 'exports', 'module'].slice(0, factory.length) : [];
    }
    if (factory === undefined || factory === null) throw new TypeError('define() needs a factory');
    this.#pending.push({ deps, factory: factory as Factory | object });
  };

  /** AMD require bound to a folder: require(id) for a module already available, require([ids], callback). */
  #makeRequire(folder: string) {
    // The returned require is a plain function (AMD's contract), so it cannot see `this` itself.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const loader = this;
    return function require(ids: unknown, callback?: unknown): unknown {
      if (typeof ids === 'string') {
        if (ids.startsWith('N/')) return loader.#resolveDependency(folder, ids);
        const path = loader.#cabinetPath(folder, ids);
        const loaded = loader.#modules.get(path.endsWith('.js') ? path : `${path}.js`);
        if (loaded) return loaded.exports;
        throw loader.#missing(path);
      }
      if (Array.isArray(ids)) {
        const modules = ids.map((id) => loader.#resolveDependency(folder, String(id)));
        if (typeof callback === 'function') (callback as Factory)(...modules);
        return undefined;
      }
      throw new TypeError('require() takes a module id or an array of ids');
    };
  }
}
