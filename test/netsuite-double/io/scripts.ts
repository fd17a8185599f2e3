// Looks up the account's scripts and deployments (parsed from the SDF project by the core) by
// script id or internal id, for the parts that address scripts from outside: N/url, N/task, the
// Map/Reduce driver and the HTTP server. Typed structurally (only the fields used here), so this
// file depends on nothing but the shape of the core's SdfProject.
import type { ScriptType } from '../types.js';

export interface DeploymentView {
  readonly scriptid: string;
  /** 1-based position in its script: the `deploy=` number in NetSuite URLs. */
  readonly number: number;
  readonly status: string;
  readonly isdeployed: boolean;
  readonly title?: string;
  readonly raw?: Record<string, unknown>;
}

export interface ScriptView {
  readonly scriptid: string;
  readonly scriptType: ScriptType;
  /** The `script=` number in NetSuite URLs. */
  readonly internalId: number;
  readonly isinactive?: boolean;
  readonly deployments: readonly DeploymentView[];
}

interface ProjectView {
  scripts: Map<string, ScriptView>;
  secrets?: Set<string>;
}

function projectOf(account: unknown): ProjectView | undefined {
  const sdf = (account as { sdf?: unknown } | null)?.sdf;
  if (typeof sdf !== 'object' || sdf === null || !((sdf as ProjectView).scripts instanceof Map)) return undefined;
  return sdf as ProjectView;
}

/** A script by script id ('customscript_x', any case) or internal id (123 or '123'). */
export function findScript(account: unknown, ref: string | number): ScriptView | undefined {
  const scripts = projectOf(account)?.scripts;
  if (!scripts) return undefined;
  const key = String(ref).toLowerCase();
  return (
    scripts.get(key) ??
    [...scripts.values()].find((s) => s.scriptid.toLowerCase() === key || String(s.internalId) === key)
  );
}

/** A deployment of `script` by script id or number; undefined ref → the first deployment. */
export function findDeployment(script: ScriptView, ref?: string | number): DeploymentView | undefined {
  if (ref === undefined || ref === null || ref === '') return script.deployments[0];
  const key = String(ref).toLowerCase();
  return script.deployments.find((d) => d.scriptid.toLowerCase() === key || String(d.number) === key);
}

/** Secret script ids declared as SDF `secret` objects. */
export function declaredSecrets(account: unknown): ReadonlySet<string> {
  return projectOf(account)?.secrets ?? new Set();
}
