// Logged-in browser sessions of the account's HTTP server: what NetSuite's UI login gives a person
// (a JSESSIONID cookie bound to one employee and the role they logged in with). A Suitelet called
// with the cookie passes the deployment's audience check for that role and runs as that employee
// and role: runtime.getCurrentUser() returns them. Tests log in with server.login({ role }) and hand
// the cookie to a browser (or a fetch). Role internal ids: Administrator is 3, as in NetSuite; a
// custom role gets a number of its own per account (NetSuite assigns them at install, from 1001 up
// in a fresh account; code compares role script ids, never these numbers).
import { randomBytes } from 'node:crypto';
import type { Account, CurrentUser } from '../account.js';

export const SESSION_COOKIE = 'JSESSIONID';

export interface SessionLogin {
  /** Employee internal id; default the account's administrator (the SuiteApp's owner). */
  entity?: number | string;
  /** Role script id ('customrole_mlfx_admin') or standard id ('ADMINISTRATOR'); default ADMINISTRATOR. */
  role?: string;
}

export interface Session {
  id: string;
  /** As the audience check takes them: entity internal id, role id. */
  entity: string;
  role: string;
}

/** Standard roles the double knows by script id: internal id and name (NetSuite's). */
const STANDARD_ROLES: Record<string, { id: number; name: string }> = {
  administrator: { id: 3, name: 'Administrator' },
};

export class SessionStore {
  readonly #sessions = new Map<string, Session>();

  login(account: Account, login: SessionLogin = {}): Session {
    const entity = String(login.entity ?? account.scriptOwnerId);
    if (!account.repo.get('employee', entity)) throw new Error(`NetSuite double: no employee ${entity} to log in as`);
    const role = (login.role ?? 'ADMINISTRATOR').trim();
    if (!role) throw new Error('NetSuite double: login needs a role');
    const session: Session = { id: randomBytes(18).toString('base64url'), entity, role };
    this.#sessions.set(session.id, session);
    return session;
  }

  logout(id: string): void {
    this.#sessions.delete(id);
  }

  /** The session a request's Cookie header names, if it is a live one. */
  fromCookieHeader(header: string | string[] | undefined): Session | undefined {
    const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
    for (const part of text.split(';')) {
      const [name, ...rest] = part.trim().split('=');
      if (name === SESSION_COOKIE) {
        const session = this.#sessions.get(rest.join('='));
        if (session) return session;
      }
    }
    return undefined;
  }
}

/** Internal id and name of a role the double knows (standard, or a custom role of the project). */
export function roleInfo(account: Account, role: string): { id: number; roleId: string; name: string } {
  const key = role.toLowerCase();
  const standard = STANDARD_ROLES[key];
  if (standard) return { id: standard.id, roleId: key, name: standard.name };
  const ids = account.state('ui/sessions role ids', () => new Map<string, number>());
  if (!ids.has(key)) ids.set(key, 1001 + ids.size);
  const custom = [...account.sdf.roles.values()].find((r) => r.scriptid.toLowerCase() === key);
  return { id: ids.get(key)!, roleId: key, name: custom?.name ?? role };
}

/** The runtime user of a script run for `session` (runtime.getCurrentUser()). */
export function sessionUser(account: Account, session: Pick<Session, 'entity' | 'role'>): CurrentUser & { roleName: string } {
  const employee = account.repo.get('employee', session.entity);
  const body = (employee?.data.body ?? {}) as Record<string, unknown>;
  const full = [body.firstname, body.lastname].filter((p) => typeof p === 'string' && p).join(' ');
  const name = full || (typeof body.entityid === 'string' ? body.entityid : `Employee ${session.entity}`);
  const role = roleInfo(account, session.role);
  return {
    ...account.currentUser,
    id: Number(session.entity),
    name,
    email: typeof body.email === 'string' ? body.email : '',
    role: role.id,
    roleId: role.roleId,
    roleName: role.name,
  };
}
