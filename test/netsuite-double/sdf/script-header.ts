// The JSDoc header NetSuite reads at the top of a deployed script file (@NApiVersion,
// @NScriptType). The build emits it as a `/**!` banner; a `/**` comment is accepted too.
import type { ScriptType } from '../types.js';

export interface ScriptHeader {
  apiVersion: string;
  scriptType: string;
  moduleScope: string | undefined;
}

/** The header of `source`, or an error message saying what is missing. */
export function readScriptHeader(source: string): ScriptHeader | { error: string } {
  const match = /^\s*\/\*\*!?([\s\S]*?)\*\//.exec(source);
  if (!match) return { error: 'no JSDoc header (/** @NApiVersion 2.1 @NScriptType … */) at the top of the file' };
  const body = match[1] ?? '';
  const apiVersion = /@NApiVersion\s+(\S+)/.exec(body)?.[1];
  const scriptType = /@NScriptType\s+(\w+)/.exec(body)?.[1];
  if (!apiVersion) return { error: 'header has no @NApiVersion' };
  if (!scriptType) return { error: 'header has no @NScriptType' };
  return { apiVersion, scriptType, moduleScope: /@NModuleScope\s+(\w+)/.exec(body)?.[1] };
}

/** Throws unless the header says 2.1 and the script type the SDF object expects. */
export function checkScriptHeader(file: string, source: string, expected: ScriptType): ScriptHeader {
  const header = readScriptHeader(source);
  if ('error' in header) throw new Error(`${file}: ${header.error}`);
  if (header.apiVersion !== '2.1') throw new Error(`${file}: @NApiVersion is ${header.apiVersion}; the project targets 2.1`);
  if (header.scriptType.toLowerCase() !== expected.toLowerCase()) {
    throw new Error(`${file}: @NScriptType ${header.scriptType} does not match its SDF object, which deploys it as ${expected}`);
  }
  return header;
}
