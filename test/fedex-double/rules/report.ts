import type { FedexError, FedexParameter } from '../errors';
import { invalidField } from '../errors';

/** `<section>.<row>` of the rule in rules/fedex-rules.md (see rules/catalog.ts). */
export type RuleId = string;

export interface Violation {
  rule: RuleId;
  error: FedexError;
}

/** A shipment alert as FedEx returns it on a successful create (Alert_3P / Alert_3PP in the schema). */
export interface ShipAlert {
  code: string;
  message: string;
  alertType: 'NOTE' | 'WARNING';
}

export interface RuleAlert {
  rule: RuleId;
  alert: ShipAlert;
}

/**
 * What the rule families found in one request: violations (FedEx refuses the request, HTTP 400 listing
 * every one) and alerts (FedEx creates the shipment and says so in transactionShipments[].alerts).
 */
export class RuleReport {
  readonly violations: Violation[] = [];
  readonly alerts: RuleAlert[] = [];

  /** A rule FedEx enforces with a code it publishes or was seen answering. */
  reject(rule: RuleId, code: string, message: string, parameterList?: FedexParameter[]): void {
    this.violations.push({ rule, error: { code, message, ...(parameterList ? { parameterList } : {}) } });
  }

  /**
   * A rule whose REST error code nobody has published: FedEx's generic input error, naming the field,
   * so a client can never branch on a code the double made up.
   */
  invalid(rule: RuleId, field: string, problem: string, parameters: FedexParameter[] = []): void {
    const error = invalidField(field, problem);
    error.parameterList = [...(error.parameterList ?? []), ...parameters];
    this.violations.push({ rule, error });
  }

  alert(rule: RuleId, code: string, message: string, alertType: ShipAlert['alertType']): void {
    if (this.alerts.some((a) => a.alert.code === code && a.alert.message === message)) return;
    this.alerts.push({ rule, alert: { code, message, alertType } });
  }

  get errors(): FedexError[] {
    return this.violations.map((v) => v.error);
  }

  /** Rule ids that fired, for tests. */
  rules(): RuleId[] {
    return [...new Set([...this.violations.map((v) => v.rule), ...this.alerts.map((a) => a.rule)])];
  }
}
