// The SuiteScript API surface of each N/* module, read from @hitc/netsuite-types: which
// functions and constants a module exports, and the values of its enums. The module registry
// uses it to (1) give every module its real enums (record.Type, search.Operator, …) and (2) turn
// every API the double does not implement into a stub that throws "not implemented in the test
// double: N/x.fn", so a script never gets a silent `undefined`.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ApiSurface {
  functions: string[];
  constants: string[];
  enums: Record<string, Record<string, string>>;
}

const typesRoot = (() => {
  const require = createRequire(import.meta.url);
  try {
    return join(dirname(require.resolve('@hitc/netsuite-types/package.json')), 'N');
  } catch {
    return join(import.meta.dirname, '../../../node_modules/@hitc/netsuite-types/N');
  }
})();

const cache = new Map<string, ApiSurface | undefined>();

/** Module ids that have type files but are not runtime modules. */
const NOT_MODULES = new Set(['N/types']);

/** The surface of 'N/record', 'N/https/clientCertificate', …; undefined if SuiteScript has no such module. */
export function apiSurface(moduleId: string): ApiSurface | undefined {
  if (cache.has(moduleId)) return cache.get(moduleId);
  let surface: ApiSurface | undefined;
  if (/^N\/[A-Za-z]+(\/[A-Za-z]+)*$/.test(moduleId) && !NOT_MODULES.has(moduleId)) {
    const file = join(typesRoot, `${moduleId.slice(2)}.d.ts`);
    if (existsSync(file)) surface = withReExports(moduleId, parseDeclarations(readFileSync(file, 'utf8')));
  }
  cache.set(moduleId, surface);
  return surface;
}

/** `export {get, request} from './http'`: the names come from the other module's surface. */
function withReExports(moduleId: string, surface: ApiSurface & { reExports?: { from: string; names: [string, string][] }[] }): ApiSurface {
  for (const { from, names } of surface.reExports ?? []) {
    const base = moduleId.slice(0, moduleId.lastIndexOf('/'));
    const other = apiSurface(`${base}/${from.replace(/^\.\//, '')}`);
    if (!other) continue;
    for (const [local, exported] of names) {
      if (other.functions.includes(local)) surface.functions.push(exported);
      else if (other.constants.includes(local)) surface.constants.push(exported);
      else if (other.enums[local]) surface.enums[exported] = other.enums[local]!;
    }
  }
  delete surface.reExports;
  return surface;
}

export function parseDeclarations(source: string): ApiSurface & { reExports?: { from: string; names: [string, string][] }[] } {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
  const functions = new Set<string>();
  const constants = new Set<string>();
  const declaredConsts = new Map<string, string>();
  const enumNames = new Set([...text.matchAll(/^export\s+(?:declare\s+)?(?:const\s+)?enum\s+(\w+)/gm)].map((m) => m[1]!));
  for (const m of text.matchAll(/^export\s+(?:declare\s+)?function\s+(\w+)/gm)) functions.add(m[1]!);
  for (const m of text.matchAll(/^export\s+(?:declare\s+)?(?:const|let|var)\s+(\w+)\s*:\s*([^;]+);/gm)) {
    classify(m[1]!, m[2]!);
  }
  for (const m of text.matchAll(/^declare\s+(?:const|let|var)\s+(\w+)\s*:\s*([^;]+);/gm)) declaredConsts.set(m[1]!, m[2]!);
  const reExports: { from: string; names: [string, string][] }[] = [];
  for (const m of text.matchAll(/^export\s*\{([^}]+)\}\s*from\s*['"]([^'"]+)['"]/gm)) {
    const names = m[1]!.split(',').map((part) => {
      const [local, exported] = part.split(/\s+as\s+/).map((x) => x.trim());
      return [local ?? '', exported ?? local ?? ''] as [string, string];
    });
    reExports.push({ from: m[2]!, names });
  }
  for (const m of text.matchAll(/^export\s*\{([^}]+)\}\s*;?\s*$/gm)) {
    for (const part of m[1]!.split(',')) {
      const [local, exported] = part.split(/\s+as\s+/).map((s) => s.trim());
      const type = local ? declaredConsts.get(local) : undefined;
      if (exported && type) classify(exported, type);
    }
  }
  function classify(name: string, type: string) {
    // A const typed `string`/`number`/an enum is a value; anything else (XxxFunction, XxxMethod) is callable.
    const t = type.trim();
    if (/^(string|number|boolean)$/.test(t) || enumNames.has(t)) constants.add(name);
    else functions.add(name);
  }
  const enums: Record<string, Record<string, string>> = {};
  for (const m of text.matchAll(/^export\s+(?:declare\s+)?(?:const\s+)?enum\s+(\w+)\s*\{([^}]*)\}/gm)) {
    const values: Record<string, string> = {};
    for (const member of m[2]!.split(',')) {
      const eq = /^\s*(\w+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|(-?\d+)))?\s*$/.exec(member);
      if (!eq || !eq[1]) continue;
      // Enums without string initializers are string-valued at runtime (runtime.EnvType.SANDBOX === 'SANDBOX').
      values[eq[1]] = eq[2] ?? eq[3] ?? eq[1];
    }
    enums[m[1]!] = values;
  }
  return { functions: [...functions], constants: [...constants], enums, reExports };
}
