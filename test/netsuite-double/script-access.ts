// Who may run a RESTlet or Suitelet deployment, as NetSuite decides after it has authenticated the
// caller (an entity and a role, from the M2M mapping, the TBA token or the session):
//  - a role with "Web Services Only" cannot call RESTlets (Oracle: INVALID_LOGIN_CREDENTIALS);
//  - status Released runs for its audience; Testing for the script owner only; nothing else runs;
//  - the audience: all roles, the roles selected (audslctrole), all employees, or the employees selected.
// Oracle documents the rules but not every error code the refusals carry: the codes below are the
// double's assumption (see the constants), and the connector depends only on "refused", never on
// which code.
import type { Account } from './account.js';
import type { SdfDeployment, SdfScript } from './sdf/types.js';

export interface Caller {
  /** Entity internal id (as a string); undefined = the test's own administrator session. */
  entity?: string;
  /** Standard role id (ADMINISTRATOR) or custom role script id; undefined = ADMINISTRATOR. */
  role?: string;
}

export interface AccessRefusal {
  status: number;
  code: string;
  message: string;
}

/** Documented: "RESTlet calls receive an INVALID_LOGIN_CREDENTIALS error response" for Web Services Only roles. */
const WEB_SERVICES_ONLY: AccessRefusal = { status: 401, code: 'INVALID_LOGIN_CREDENTIALS', message: 'Invalid login credentials: a Web Services Only role cannot call RESTlets.' };
/** Assumed: a deployment the caller may not run reads as one that does not exist for them. */
const NOT_RUNNABLE: AccessRefusal = { status: 400, code: 'SSS_INVALID_SCRIPTLET_ID', message: 'That Suitelet is invalid, disabled, or no longer exists.' };
/** Assumed (the code NetSuite uses for a role lacking a permission). */
const NOT_IN_AUDIENCE: AccessRefusal = { status: 400, code: 'INSUFFICIENT_PERMISSION', message: 'Permission Violation: your role is not in the audience of this script deployment.' };

export function checkScriptAccess(account: Account, script: SdfScript, deployment: SdfDeployment, caller: Caller, options: { restlet: boolean }): AccessRefusal | undefined {
  const role = (caller.role ?? 'ADMINISTRATOR').toLowerCase();
  const customRole = [...account.sdf.roles.values()].find((r) => r.scriptid.toLowerCase() === role);
  if (options.restlet && customRole?.iswebserviceonlyrole) return WEB_SERVICES_ONLY;
  const isOwner = caller.entity === undefined || caller.entity === String(account.scriptOwnerId);
  const status = deployment.status.toUpperCase();
  if (!(status === 'RELEASED' || (status === 'TESTING' && isOwner))) return NOT_RUNNABLE;
  if (status === 'TESTING') return undefined; // the owner runs it whatever the audience
  if (inAudience(deployment, role, caller.entity)) return undefined;
  return NOT_IN_AUDIENCE;
}

function inAudience(deployment: SdfDeployment, role: string, entity: string | undefined): boolean {
  if (deployment.allroles) return true;
  if (deployment.audienceRoles.some((r) => r.toLowerCase() === role)) return true;
  if (deployment.allemployees) return true; // the double's callers are employees
  return entity !== undefined && deployment.audienceEmployees.includes(entity);
}
