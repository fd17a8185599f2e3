// N/url. URLs have NetSuite's shapes (restlet.nl / scriptlet.nl with numeric script= and deploy=,
// record .nl pages, relative unless external). While the account's HTTP server listens
// (http-server.ts), every domain resolves to that server (127.0.0.1:<port>, plain http), so an
// external URL a script builds can really be called by a test; otherwise NetSuite's host names
// are used, which N/https refuses to call (they are not loopback).
import type { ScriptRunContext } from '../types.js';
import { ioError, scriptFacing } from '../io/errors.js';
import { ioStateOf, type IoState } from '../io/io-state.js';
import { findDeployment, findScript } from '../io/scripts.js';

export const HostType = Object.freeze({
  APPLICATION: 'APPLICATION',
  CUSTOMER_CENTER: 'CUSTOMER_CENTER',
  FORM: 'FORM',
  RESTLET: 'RESTLET',
  SUITETALK: 'SUITETALK',
} as const);
type HostTypeName = keyof typeof HostType;

const HOST_SUFFIX: Record<HostTypeName, string> = {
  APPLICATION: 'app.netsuite.com',
  CUSTOMER_CENTER: 'secure.netsuite.com',
  FORM: 'extforms.netsuite.com',
  RESTLET: 'restlets.api.netsuite.com',
  SUITETALK: 'suitetalk.api.netsuite.com',
};

/** Record pages of the record types the connector uses. */
const RECORD_PAGES: Record<string, string> = {
  salesorder: '/app/accounting/transactions/salesord.nl',
  itemfulfillment: '/app/accounting/transactions/itemship.nl',
  invoice: '/app/accounting/transactions/custinvc.nl',
  customer: '/app/common/entity/custjob.nl',
  employee: '/app/common/entity/employee.nl',
  vendor: '/app/common/entity/vendor.nl',
  inventoryitem: '/app/common/item/item.nl',
  location: '/app/common/otherlists/locationtype.nl',
  subsidiary: '/app/common/otherlists/subsidiarytype.nl',
};

/** '1234567_SB1' → '1234567-sb1', as NetSuite's host names write the account id. */
export function accountDomainId(accountId: string): string {
  return accountId.toLowerCase().replace(/_/g, '-');
}

/** The domain (no scheme) of a host type, or the double's server while it listens. */
export function domainFor(io: IoState, hostType: HostTypeName, accountId = io.accountId): string {
  if (io.serverOrigin) return new URL(io.serverOrigin).host;
  return `${accountDomainId(accountId)}.${HOST_SUFFIX[hostType]}`;
}

function originFor(io: IoState, hostType: HostTypeName): string {
  return io.serverOrigin ?? `https://${domainFor(io, hostType)}`;
}

function query(params: unknown): string {
  if (params === undefined || params === null) return '';
  if (typeof params !== 'object') throw ioError('SSS_INVALID_TYPE_ARG', 'params must be an object');
  return Object.entries(params as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `&${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('');
}

export interface ResolveScriptOptions {
  scriptId: string | number;
  deploymentId: string | number;
  params?: Record<string, unknown>;
  returnExternalUrl?: boolean;
}

/** url.resolveScript, also used by the server's tests to find a script's URL. */
export function resolveScriptUrl(account: unknown, io: IoState, options: ResolveScriptOptions): string {
  if (options == null || options.scriptId === undefined || options.deploymentId === undefined) {
    throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: scriptId, deploymentId');
  }
  const script = findScript(account, options.scriptId);
  const deployment = script && findDeployment(script, options.deploymentId);
  if (!script || !deployment) {
    throw ioError(
      'SSS_INVALID_SCRIPTLET_ID',
      `That Suitelet or RESTlet is invalid, disabled, or no longer exists: ${options.scriptId} / ${options.deploymentId}`,
    );
  }
  const page =
    script.scriptType === 'Restlet' ? 'restlet.nl' : script.scriptType === 'Suitelet' ? 'scriptlet.nl' : undefined;
  if (!page) {
    throw ioError('SSS_INVALID_SCRIPTLET_ID', `${script.scriptid} is a ${script.scriptType}: only RESTlets and Suitelets have URLs.`);
  }
  const external = options.returnExternalUrl === true;
  const compid = external && page === 'scriptlet.nl' ? `&compid=${encodeURIComponent(io.accountId)}` : '';
  const path = `/app/site/hosting/${page}?script=${script.internalId}&deploy=${deployment.number}${compid}${query(options.params)}`;
  if (!external) return path;
  return originFor(io, page === 'restlet.nl' ? 'RESTLET' : 'FORM') + path;
}

/** N/url for one script invocation. Governance: none. */
export function createUrlModule(ctx: ScriptRunContext) {
  const io = ioStateOf(ctx.account);
  const module = Object.freeze({
    HostType,
    resolveScript: (options: ResolveScriptOptions) => resolveScriptUrl(ctx.account, io, options),
    resolveRecord(options: { recordType: string; recordId?: string | number; isEditMode?: boolean; params?: Record<string, unknown> }) {
      if (options == null || typeof options.recordType !== 'string') {
        throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: recordType');
      }
      const type = options.recordType.toLowerCase();
      const id = options.recordId === undefined ? '' : String(options.recordId);
      const edit = options.isEditMode ? '&e=T' : '';
      if (type.startsWith('customrecord')) {
        return `/app/common/custom/custrecordentry.nl?rectype=${encodeURIComponent(type)}&id=${id}${edit}${query(options.params)}`;
      }
      const page = RECORD_PAGES[type];
      if (!page) {
        throw ioError('DOUBLE_NOT_IMPLEMENTED', `not implemented in the test double: url.resolveRecord for ${type}`);
      }
      return `${page}?id=${id}${edit}${query(options.params)}`;
    },
    resolveDomain(options: { hostType: string; accountId?: string }) {
      const hostType = options?.hostType;
      if (typeof hostType !== 'string' || !Object.prototype.hasOwnProperty.call(HostType, hostType)) {
        throw ioError('SSS_INVALID_TYPE_ARG', `hostType: ${String(hostType)} is not a url.HostType value`);
      }
      return domainFor(io, hostType as HostTypeName, options.accountId);
    },
    format(options: { domain: string; params?: Record<string, unknown> }) {
      if (options == null || typeof options.domain !== 'string') {
        throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: domain');
      }
      const rest = query(options.params).slice(1);
      if (!rest) return options.domain;
      return options.domain + (options.domain.includes('?') ? '&' : '?') + rest;
    },
  });
  return scriptFacing(ctx, module, 'N/url', false);
}
