// What the SDF validator reports: each problem names the file, the element path inside it and the
// rule broken, so a failing deploy reads like `suitecloud project:validate` output.
import { relative } from 'node:path';

export type IssueSeverity = 'error' | 'warning';

export interface SdfIssue {
  severity: IssueSeverity;
  /** The file the problem is in (absolute path). */
  file: string;
  /** Element path inside the file, e.g. restlet/scriptdeployments/scriptdeployment[customdeploy_x]/runasrole. */
  path: string;
  /** A short rule id: unknown-element, missing-element, bad-value, bad-feature, broken-reference, missing-file, … */
  rule: string;
  message: string;
}

export class SdfIssues {
  readonly list: SdfIssue[] = [];

  error(file: string, path: string, rule: string, message: string): void {
    this.list.push({ severity: 'error', file, path, rule, message });
  }

  warning(file: string, path: string, rule: string, message: string): void {
    this.list.push({ severity: 'warning', file, path, rule, message });
  }

  get errors(): SdfIssue[] {
    return this.list.filter((i) => i.severity === 'error');
  }

  get warnings(): SdfIssue[] {
    return this.list.filter((i) => i.severity === 'warning');
  }
}

/** One line per issue: `Objects/x.xml: restlet/name: [missing-element] … ` (paths relative to `base`). */
export function formatIssue(issue: SdfIssue, base?: string): string {
  const file = base ? relative(base, issue.file) : issue.file;
  return `${file}: ${issue.path ? `${issue.path}: ` : ''}[${issue.rule}] ${issue.message}`;
}

/** Thrown when a project or object folder has errors; `issues` lists every error and warning found. */
export class SdfValidationError extends Error {
  constructor(
    readonly issues: SdfIssue[],
    base?: string,
  ) {
    const errors = issues.filter((i) => i.severity === 'error');
    super(`SDF validation failed with ${errors.length} error(s):\n${errors.map((i) => `  ${formatIssue(i, base)}`).join('\n')}`);
    this.name = 'SdfValidationError';
  }
}
