// A ScriptRunContext for unit tests of the I/O modules, with a governance meter that behaves like
// NetSuite's (SSS_USAGE_LIMIT_EXCEEDED past the limit). Scenario tests use the core's runner.
import type { Governance, ScriptRunContext, ScriptType } from '../types.js';
import { ioError } from './errors.js';

export function testGovernance(limit: number): Governance & { readonly charges: string[] } {
  let used = 0;
  const charges: string[] = [];
  return {
    limit,
    get used() {
      return used;
    },
    charges,
    remaining: () => limit - used,
    charge(units: number, what: string) {
      if (used + units > limit) {
        throw ioError('SSS_USAGE_LIMIT_EXCEEDED', `Script Execution Usage Limit Exceeded (${what})`);
      }
      used += units;
      charges.push(`${what}:${units}`);
    },
  };
}

export function testContext(
  account: object,
  options: { limit?: number; scriptId?: string; scriptType?: ScriptType } = {},
): ScriptRunContext & { governance: ReturnType<typeof testGovernance> } {
  return {
    scriptId: options.scriptId ?? 'customscript_io_test',
    deploymentId: 'customdeploy_io_test',
    scriptType: options.scriptType ?? 'ScheduledScript',
    executionContext: 'SCHEDULED',
    parameters: {},
    governance: testGovernance(options.limit ?? 10_000),
    account,
  };
}
