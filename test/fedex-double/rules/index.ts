import { ACCOUNT_RULES, checkAccount, type AccountDirectory } from './account';
import { ADDRESS_RULES, checkAddresses } from './address';
import { checkCustoms, CUSTOMS_RULES } from './customs';
import { checkLabel, LABEL_RULES } from './label';
import { checkPackages, PACKAGE_RULES } from './packages';
import { checkPhones, PHONE_RULES } from './phone';
import { checkReferences, REFERENCE_RULES } from './references';
import { RuleReport } from './report';
import { checkService, SERVICE_RULES } from './service';
import { checkShipDate, SHIP_DATE_RULES } from './ship-date';
import type { ShipRequest } from './shipment';
import { checkText, TEXT_RULES } from './text';

/**
 * FedEx's business rules for POST /ship/v1/shipments, beyond its OpenAPI schema: one module per family
 * of rules/fedex-rules.md, each rule named by its id there (catalog.ts lists all 77 and which the double
 * cannot know). Runs on a body the schema already accepted; every violation is reported, as FedEx lists
 * several errors in one 400.
 */
export interface ShipRuleEnv extends AccountDirectory {
  /** YYYY-MM-DD on FedEx's clock (the double's, at its UTC offset). */
  today: string;
}

export const SHIP_RULE_IDS: readonly string[] = [
  ...PHONE_RULES,
  ...ADDRESS_RULES,
  ...SERVICE_RULES,
  ...PACKAGE_RULES,
  ...REFERENCE_RULES,
  ...SHIP_DATE_RULES,
  ...CUSTOMS_RULES,
  ...LABEL_RULES,
  ...ACCOUNT_RULES,
  ...TEXT_RULES,
];

export function checkShipRequest(request: ShipRequest, env: ShipRuleEnv): RuleReport {
  const report = new RuleReport();
  checkAccount(request, env, report);
  // An unknown account is answered alone, as FedEx's 400 example shows it.
  if (report.violations.some((v) => v.rule === '9.1')) return report;
  const shipment = request.requestedShipment;
  // The schema lets `recipients` be empty; a shipment goes somewhere.
  if (shipment.recipients.length === 0) report.invalid('0.1', 'requestedShipment.recipients', 'must contain at least one recipient');
  checkText(request, '', report);
  checkPhones(shipment, report);
  checkAddresses(shipment, report);
  checkService(shipment, report);
  checkPackages(shipment, request.processingOptionType, request.oneLabelAtATime, report);
  checkReferences(shipment, report);
  checkShipDate(shipment, env.today, report);
  checkCustoms(shipment, report);
  checkLabel(shipment, report);
  return report;
}

export { RuleReport, type RuleAlert, type ShipAlert, type Violation } from './report';
export { effectiveShipDate } from './ship-date';
export { needsCustoms } from './customs';
export { isRegisteredAccount, type AccountDirectory } from './account';
export { MAX_SYNCHRONOUS_PIECES } from './packages';
