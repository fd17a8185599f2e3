// `suitecloud project:deploy` into the double: the checks NetSuite makes against the account
// (every feature the manifest requires is enabled, every `secret` object names an API secret the
// account already holds), then deploy.xml's steps in their order, and for each <run> the
// installation script's `run` entry point with { fromVersion, toVersion }: fromVersion is null on
// the first install and the installed version on every later deploy (an update). A script that
// throws fails the deploy, and the installed version stays what it was.
//
// The double loads the project's objects and files when the account is created (createNetSuiteDouble),
// so a <run> placed before <objects> still sees the objects: unlike NetSuite, which deploys in order.
import { relative } from 'node:path';
import type { Account } from '../account.js';
import { describeThrown } from '../modules/error.js';
import { ioStateOf } from '../io/io-state.js';
import type { InvocationResult } from '../types.js';
import type { LoadedSdf } from './parse-objects.js';

export interface DeployResult {
  /** What a deploy log shows, one line per step. */
  log: string[];
  fromVersion: string | null;
  toVersion: string;
  /** The installation scripts run, in order. */
  runs: InvocationResult[];
}

export class SdfDeployError extends Error {
  constructor(
    message: string,
    readonly log: string[],
  ) {
    super(`${message}\nInstallation FAILED\n${log.map((l) => `  ${l}`).join('\n')}`);
    this.name = 'SdfDeployError';
  }
}

const INSTALLED_VERSION = 'sdf.installedVersion';

/** The SuiteApp version installed in the account (null before the first deploy). */
export function installedVersion(account: Account): string | null {
  return account.state<{ version: string | null }>(INSTALLED_VERSION, () => ({ version: null })).version;
}

export function deployProject(account: Account, loaded: LoadedSdf, projectDir: string): DeployResult {
  const { validation } = loaded;
  const manifest = validation.manifest;
  if (!manifest) throw new Error('NetSuite double: deploy needs an SDF project folder with manifest.xml and deploy.xml');
  const log: string[] = ['Validate manifest -- Success', 'Validate deploy file -- Success', 'Validate Custom Objects -- Success'];
  const fail = (message: string): never => {
    throw new SdfDeployError(message, log);
  };

  for (const feature of manifest.features) {
    if (feature.required && account.features[feature.id] !== true) {
      fail(`Validate account settings: the feature ${feature.id}, which manifest.xml requires, is not enabled in account ${account.accountId}.`);
    }
  }
  const vault = ioStateOf(account).secrets;
  for (const object of validation.objects) {
    if (object.type === 'secret' && !vault.has(object.scriptid)) {
      // Seen from SuiteCloud CLI (oracle/netsuite-suitecloud-sdk#370): the object only references an API secret.
      fail(`An error occurred during custom object validation. (${object.scriptid}) Details: Referenced secret: '${object.scriptid}' is not available.`);
    }
  }
  // NetSuite reads each script file's JSDoc header when it creates the script record.
  for (const script of loaded.project.scripts.values()) {
    try {
      account.scriptFile(script);
    } catch (error) {
      fail(`An error occurred during custom object validation. (${script.scriptid}) Details: ${(error as Error).message}`);
    }
  }
  log.push('Validate account settings -- Success', 'Validate Custom Objects against the Account -- Success');

  const fromVersion = installedVersion(account);
  const toVersion = manifest.projectversion ?? '';
  log.push(`Info -- Current installed version [${fromVersion ?? 'none'}]`, `Begin deployment -- ${manifest.publisherid}.${manifest.projectid}(${toVersion})`);
  const runs: InvocationResult[] = [];
  for (const step of validation.steps) {
    if (step.kind === 'files') for (const file of step.files) log.push(`Upload file -- ~/${relative(projectDir, file)}`);
    else if (step.kind === 'objects') {
      for (const file of step.files) {
        const object = validation.objects.find((o) => o.file === file);
        if (object) log.push(`${fromVersion === null ? 'Create' : 'Update'} object -- ${object.scriptid} (${object.type})`);
      }
    } else if (step.kind === 'run') {
      log.push(`Run installation script -- ~/${relative(projectDir, step.run.objectFile)}`);
      const result = account.runEntryPoint({
        scriptId: step.run.scriptid,
        deploymentId: step.run.deploymentId,
        entryPoint: 'run',
        args: [Object.freeze({ fromVersion, toVersion })],
        executionContext: 'SDFINSTALLATION',
        label: fromVersion === null ? 'install' : 'update',
      });
      runs.push(result);
      if (result.outcome === 'threw') {
        const error = describeThrown(result.error);
        fail(`The installation script ${step.run.scriptid} failed: ${error.name}: ${error.message}`);
      }
      if (result.outcome === 'missing-entry-point') fail(`The installation script ${step.run.scriptid} has no run entry point.`);
    }
  }
  account.state<{ version: string | null }>(INSTALLED_VERSION, () => ({ version: null })).version = toVersion;
  log.push('Installation COMPLETE');
  return { log, fromVersion, toVersion, runs };
}
