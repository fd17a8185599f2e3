/** Public API of the FedEx API test double. See README.md beside this file. */
export {
  createFedexDouble,
  DEFAULT_ACCOUNT_NUMBER,
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  DEFAULT_WEBHOOK_SECURITY_TOKEN,
  DOUBLE_BASE_URL,
  type FedexDouble,
  type FedexDoubleOptions,
  type HistoricShipmentInput,
  type WebhookPushInput,
} from './app';
export { DEFAULT_START_MS, ManualClock, systemClock, type Clock } from './clock';
export type { ShipmentSummary } from './control';
export { FEDEX_ERRORS, INVALID_INPUT_CODE, type FedexError, type FedexErrorBody } from './errors';
export { FAULT_SCOPES, Faults, type FaultScope, type FaultState } from './faults';
export { REALISTIC_PDF_LABEL_BYTES, type RenderedLabel, type LabelImageType, type LabelSize } from './labels';
export { FEDEX_TOKEN_THRESHOLDS, FEDEX_TRANSACTION_LIMIT, type TokenThresholdConfig, type TransactionLimit } from './rate-limits';
export { buildAddressRequest, buildCancelRequest, buildInternationalShipRequest, buildReferenceTrackRequest, buildShipRequest, buildTrackRequest, type ShipRequestOptions } from './request-builders';
export { OPERATIONS, requestSchemaRef, responseSchemaRef, validateRequestBody, validateResponseBody, type FieldError, type OperationId } from './schemas';
export { startFedexDouble, type RunningFedexDouble, type StartOptions } from './server';
export { isValidTrackingNumber, trackingCheckDigit, type ShipmentRecord } from './shipments';
export type { DoubleStats } from './stats';
export { DEFAULT_STATUS_SCHEDULE, STATUS_CODES, type StatusSchedule, type TimelineStep } from './timeline';
export type { CompleteTrackResult, TrackResult } from './tracking';
export type { Capability, Project } from './tokens';
export { signWebhookBody, WEBHOOK_SIGNATURE_HEADER, type TrackingWebhookPayload, type WebhookPushResult } from './webhooks';
export { checkShipRequest, SHIP_RULE_IDS, type ShipRuleEnv, type RuleReport, type ShipAlert } from './rules';
export { CATALOG, type CatalogEntry, type RuleStatus } from './rules/catalog';
