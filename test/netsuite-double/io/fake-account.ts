// A minimal AccountServices for unit tests of the I/O parts: its "scripts" are plain objects of
// entry-point functions (no sandbox, no AMD), each call gets NetSuite's governance for its script
// type, and `env.charge(units)` stands for the N/* calls a real script would make. Scenario tests
// that load real AMD fixture scripts use the core's account instead.
import type { AccountServices, InvocationRecord, RunEntryPointRequest, ScriptType } from '../types.js';
import { testGovernance } from './test-context.js';

export type FakeEntryPoint = (arg: any, env: { charge(units: number): void; params: Record<string, unknown> }) => unknown;

export interface FakeScript {
  scriptType: ScriptType;
  exports: Record<string, FakeEntryPoint | object>;
  /** status default: NOTSCHEDULED for Map/Reduce and scheduled scripts (submittable), else RELEASED. */
  deployments?: { scriptid: string; isonline?: boolean; status?: string }[];
}

const DEFAULT_LIMITS: Partial<Record<ScriptType, number>> = { Restlet: 5_000, Suitelet: 1_000, ScheduledScript: 10_000, MapReduceScript: 10_000 };

export function fakeAccount(scripts: Record<string, FakeScript>, accountId = 'TSTDRV1234567') {
  let seq = 0;
  let internalId = 100;
  const invocations: InvocationRecord[] = [];
  const views = new Map(
    Object.entries(scripts).map(([scriptid, s]) => [
      scriptid,
      {
        scriptid,
        scriptType: s.scriptType,
        internalId: ++internalId,
        deployments: (s.deployments ?? [{ scriptid: scriptid.replace('customscript', 'customdeploy') }]).map((d, i) => ({
          scriptid: d.scriptid,
          number: i + 1,
          status: d.status ?? (s.scriptType === 'MapReduceScript' || s.scriptType === 'ScheduledScript' ? 'NOTSCHEDULED' : 'RELEASED'),
          isdeployed: true,
          raw: { isonline: d.isonline ? 'T' : 'F' },
        })),
      },
    ]),
  );
  const account = {
    accountId,
    now: () => 1_700_000_000_000,
    sdf: { scripts: views, secrets: new Set<string>() },
    resolveFileCabinetPath: () => undefined,
    invocations,
    scriptExport: (scriptId: string, name: string) => scripts[scriptId]?.exports[name],
    runEntryPoint(request: RunEntryPointRequest) {
      const script = scripts[request.scriptId];
      if (!script) throw new Error(`fake account: no script ${request.scriptId}`);
      const governance = testGovernance(request.usageLimit ?? DEFAULT_LIMITS[script.scriptType] ?? 1_000);
      const record: InvocationRecord = {
        seq: ++seq,
        scriptId: request.scriptId,
        deploymentId: request.deploymentId ?? '',
        scriptType: script.scriptType,
        entryPoint: request.entryPoint,
        executionContext: request.executionContext ?? 'SCHEDULED',
        label: request.label,
        usageLimit: governance.limit,
        unitsUsed: 0,
        charges: [],
        outcome: 'running',
        error: undefined,
        logs: [],
        parentSeq: undefined,
      };
      invocations.push(record);
      const fn = script.exports[request.entryPoint];
      if (typeof fn !== 'function') {
        record.outcome = 'missing-entry-point';
        return { outcome: 'missing-entry-point' as const, invocation: record };
      }
      const ctx = { scriptId: request.scriptId, deploymentId: request.deploymentId ?? '', scriptType: script.scriptType, executionContext: request.executionContext ?? 'SCHEDULED', parameters: request.parameters ?? {}, governance, account };
      const args = typeof request.args === 'function' ? request.args({ ctx, module: () => undefined }) : (request.args ?? []);
      try {
        const value = (fn as FakeEntryPoint)(args[0], {
          charge: (units) => governance.charge(units, 'fake'),
          params: request.parameters ?? {},
        });
        record.outcome = 'returned';
        return { outcome: 'returned' as const, value, invocation: record };
      } catch (error) {
        record.outcome = 'threw';
        const e = error as { name?: string; message?: string };
        record.error = { name: String(e?.name), message: String(e?.message) };
        return { outcome: 'threw' as const, error, invocation: record };
      } finally {
        record.unitsUsed = governance.used;
      }
    },
  };
  return account as typeof account & AccountServices;
}
