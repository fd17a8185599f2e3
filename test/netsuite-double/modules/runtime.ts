// N/runtime: the current script (id, deployment, parameters, remaining usage, log level), the
// execution context, the current user and session, account facts.
import type { ScriptRunContext } from '../types.js';
import { invocationOf, scriptError } from '../invocation.js';
import { SYSTEM_USER_ID } from '../account.js';
import { apiSurface } from '../sandbox/api-surface.js';

export function createRuntimeModule(ctx: ScriptRunContext) {
  const invocation = invocationOf(ctx);
  const { account, script, deployment, realm } = invocation;
  const session = account.state('N/runtime session', () => new Map<string, string>());

  const currentScript = {
    id: script.scriptid,
    deploymentId: deployment.scriptid,
    logLevel: deployment.loglevel,
    apiVersion: '2.1',
    bundleIds: realm.adopt([] as string[]),
    percentComplete: 0,
    getParameter(options: { name?: unknown } | string) {
      const name = typeof options === 'string' ? options : options?.name;
      if (typeof name !== 'string' || !name) throw scriptError(ctx, 'SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: name');
      if (!(name in ctx.parameters)) {
        // NetSuite answers null for a parameter the script does not have; the double refuses it
        // so a misspelled parameter id fails the test instead of silently using no value.
        throw scriptError(
          ctx,
          'DOUBLE_UNKNOWN_PARAMETER',
          `${script.scriptid} has no parameter ${name} (SDF <scriptcustomfield>s: ${Object.keys(ctx.parameters).join(', ') || 'none'}). NetSuite would return null.`,
        );
      }
      return realm.adopt(ctx.parameters[name]);
    },
    getRemainingUsage: () => ctx.governance.remaining(),
  };

  const user = () => {
    const system = invocation.userId === SYSTEM_USER_ID;
    const u = invocation.user ?? account.currentUser;
    return {
      id: invocation.userId,
      name: system ? '-System-' : u.name,
      email: system ? '' : u.email,
      role: u.role,
      roleId: u.roleId,
      roleCenter: u.roleCenter,
      subsidiary: u.subsidiary,
      location: u.location,
      department: u.department,
      contact: 0,
      getPreference: (options: { name?: string }) => {
        throw scriptError(ctx, 'DOUBLE_NOT_IMPLEMENTED', `not implemented in the test double: User.getPreference(${options?.name ?? ''})`);
      },
      getPermission: () => 4, // runtime.Permission.FULL
    };
  };

  const enums = apiSurface('N/runtime')?.enums ?? {};
  return {
    ContextType: enums.ContextType,
    EnvType: enums.EnvType,
    Permission: Object.freeze({ NONE: 0, VIEW: 1, CREATE: 2, EDIT: 3, FULL: 4 }),
    accountId: account.accountId,
    country: 'US',
    envType: account.envType,
    executionContext: ctx.executionContext === 'SDF_INSTALLATION' ? 'SDFINSTALLATION' : ctx.executionContext,
    processorCount: 2,
    queueCount: 1,
    version: '2025.2',
    getCurrentScript: () => currentScript,
    getCurrentUser: user,
    getCurrentSession: () => ({
      get: (options: { name: string }) => session.get(options?.name) ?? null,
      set: (options: { name: string; value: string }) => {
        session.set(options.name, String(options.value));
      },
    }),
    isFeatureInEffect(options: { feature?: string }) {
      if (!options?.feature) throw scriptError(ctx, 'SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: feature');
      return account.features[options.feature.toUpperCase()] === true;
    },
  };
}
