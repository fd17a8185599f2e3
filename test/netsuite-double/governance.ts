// Governance: the usage units each invocation may spend and what each call costs, as in
// shared/notes (NetSuite Help: SuiteScript governance). One Governance object per entry-point call.
import type { Governance, ScriptType } from './types.js';
import { createSuiteScriptError } from './modules/error.js';

/** Usage limit of one entry-point call, by script type (Map/Reduce: by stage). */
export function usageLimitFor(scriptType: ScriptType, entryPoint: string): number {
  switch (scriptType) {
    case 'UserEventScript':
    case 'Suitelet':
      return 1_000;
    case 'Restlet':
      return 5_000;
    case 'ScheduledScript':
    case 'SDFInstallationScript':
      return 10_000;
    case 'MapReduceScript':
      return MAP_REDUCE_LIMITS[entryPoint] ?? 10_000;
    case 'ClientScript':
      return 1_000;
  }
}

const MAP_REDUCE_LIMITS: Record<string, number> = { getInputData: 10_000, map: 1_000, reduce: 5_000, summarize: 10_000 };

/** The three record classes governance distinguishes. */
export type RecordCostClass = 'transaction' | 'custom' | 'other';

/**
 * record.load / create / copy / transform / submitFields / delete, and Record.save, per Oracle's
 * method pages (e.g. record.delete(options), d:section_4267283372: "Transaction records: 20 units,
 * Custom records: 4 units, All other records: 10 units" — delete costs what a save costs).
 */
export const RECORD_UNITS = {
  load: { transaction: 10, custom: 2, other: 5 },
  create: { transaction: 10, custom: 2, other: 5 },
  copy: { transaction: 10, custom: 2, other: 5 },
  transform: { transaction: 10, custom: 2, other: 5 },
  submitFields: { transaction: 10, custom: 2, other: 5 },
  delete: { transaction: 20, custom: 4, other: 10 },
  save: { transaction: 20, custom: 4, other: 10 },
} as const satisfies Record<string, Record<RecordCostClass, number>>;

export const SEARCH_UNITS = {
  lookupFields: 1,
  create: 0,
  run: 0,
  each: 10,
  getRange: 10,
  runPaged: 5,
  fetch: 5,
  load: 5,
  save: 5,
  delete: 5,
  duplicates: 10,
  global: 10,
} as const;

export interface GovernanceOptions {
  onCharge?: (units: number, what: string) => void;
  /** The call's time limit (d:section_161591009480) on the account clock, checked at each governed call. */
  timeLimitMs?: number;
  now?: () => number;
  /** The sandbox's Error, so the script sees SSS_USAGE_LIMIT_EXCEEDED as one of its own errors. */
  RealmError?: ErrorConstructor;
}

export function createGovernance(limit: number, { onCharge, RealmError, timeLimitMs, now }: GovernanceOptions = {}): Governance {
  let used = 0;
  const started = now?.() ?? 0;
  // Once over the limit the script is stopped for good (d:section_164314457772: "the system throws
  // a usage limit error and stops the script. The script can't be resumed"): a catch-all that
  // swallows the error gets it again from the next governed call, and the invocation ends as
  // failed with it whatever the entry point returns (account.ts reads `exceeded`).
  let exceeded: unknown;
  const checkTime = () => {
    if (exceeded || timeLimitMs === undefined || !now) return exceeded;
    const elapsed = now() - started;
    if (elapsed > timeLimitMs) {
      // Like the usage limit, a time limit stops the script for good (d:section_161591009480).
      exceeded = createSuiteScriptError({
        name: 'SSS_TIME_LIMIT_EXCEEDED',
        message: `Script Execution Time Exceeded: this call ran ${Math.round(elapsed / 1000)} s, its limit is ${timeLimitMs / 1000} s.`,
      }, RealmError);
    }
    return exceeded;
  };
  return {
    limit,
    get used() {
      return used;
    },
    get exceeded() {
      return exceeded;
    },
    remaining: () => Math.max(0, limit - used),
    checkTime,
    charge(units: number, what: string) {
      if (exceeded) throw exceeded;
      if (checkTime()) throw exceeded;
      used += units;
      onCharge?.(units, what);
      if (used > limit) {
        exceeded = createSuiteScriptError({
          name: 'SSS_USAGE_LIMIT_EXCEEDED',
          message: `Script Execution Usage Limit Exceeded: ${what} needed ${units} units, ${used - units} of ${limit} were already used.`,
        }, RealmError);
        throw exceeded;
      }
    },
  };
}
