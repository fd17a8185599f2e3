// N/log (and the global `log`): lines go to the account's log and the invocation record, below
// the deployment's log level they are dropped, as NetSuite drops them. Titles are cut at 99
// characters and details at 3,999 (NetSuite's limits).
import type { ScriptRunContext } from '../types.js';
import { invocationOf } from '../invocation.js';

type Level = 'DEBUG' | 'AUDIT' | 'ERROR' | 'EMERGENCY';

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function createLogModule(ctx: ScriptRunContext) {
  const invocation = invocationOf(ctx);
  const write = (level: Level) =>
    function log(titleOrOptions?: unknown, details?: unknown): void {
      let title: unknown = titleOrOptions;
      let body: unknown = details;
      if (titleOrOptions !== null && typeof titleOrOptions === 'object' && !Array.isArray(titleOrOptions) && details === undefined && ('title' in titleOrOptions || 'details' in titleOrOptions)) {
        ({ title, details: body } = titleOrOptions as { title?: unknown; details?: unknown });
      }
      invocation.account.log(invocation, level, text(title) || 'untitled', text(body));
    };
  return { debug: write('DEBUG'), audit: write('AUDIT'), error: write('ERROR'), emergency: write('EMERGENCY') };
}
