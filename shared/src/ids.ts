// Every NetSuite id the connector owns, in one place. Scripts never spell an id as a literal.
// Convention: NetSuite's type prefix, then `_mlfx_`. Each id has an SDF object (or a field inside
// one) in suiteapp/src/Objects/; a test checks both ways.

export const PUBLISHER_FOLDER = 'com.mlfx.fedexconnector';

export const SCRIPTS = {
  fulfillmentUserEvent: { scriptId: 'customscript_mlfx_ue_fulfillment', deploymentId: 'customdeploy_mlfx_ue_fulfillment' },
  invoiceUserEvent: { scriptId: 'customscript_mlfx_ue_invoice', deploymentId: 'customdeploy_mlfx_ue_invoice' },
  trackingPoll: { scriptId: 'customscript_mlfx_mr_track', deploymentId: 'customdeploy_mlfx_mr_track' },
  /** Ships queued fulfillments (bulk saves) and retries retryable failures; scheduled, and on demand. */
  install: { scriptId: 'customscript_mlfx_install', deploymentId: 'customdeploy_mlfx_install' },
  shipQueue: { scriptId: 'customscript_mlfx_mr_ship', deploymentId: 'customdeploy_mlfx_mr_ship', onDemandDeploymentId: 'customdeploy_mlfx_mr_ship_now' },
  statusRestlet: { scriptId: 'customscript_mlfx_rl_status', deploymentId: 'customdeploy_mlfx_rl_status' },
  /** Forgets the cached settings, service map and ship-from addresses when an admin saves them. */
  configUserEvent: {
    scriptId: 'customscript_mlfx_ue_config',
    settingsDeploymentId: 'customdeploy_mlfx_ue_config_settings',
    serviceMapDeploymentId: 'customdeploy_mlfx_ue_config_svcmap',
    locationDeploymentId: 'customdeploy_mlfx_ue_config_location',
    subsidiaryDeploymentId: 'customdeploy_mlfx_ue_config_subsidiary',
  },
  /** Deletes Audit records older than the retention setting; daily. */
  auditPurge: { scriptId: 'customscript_mlfx_mr_audit_purge', deploymentId: 'customdeploy_mlfx_mr_audit_purge' },
  /** Adds the Void / Cancel and Replay buttons to a FedEx Shipment record in view mode. */
  shipmentUserEvent: { scriptId: 'customscript_mlfx_ue_shipment', deploymentId: 'customdeploy_mlfx_ue_shipment' },
  /** Runs a Shipment action (void, replay) for an allowed role, after a confirmation page. */
  actionSuitelet: { scriptId: 'customscript_mlfx_sl_action', deploymentId: 'customdeploy_mlfx_sl_action' },
  /**
   * Links sales orders to invoices no connector user event saw (made before the invoice stamp existed,
   * by another script's user event, by a CSV import without server scripts); daily, and on demand
   * when an installation could not link them all itself.
   */
  invoiceLinks: { scriptId: 'customscript_mlfx_mr_inv_stamp', deploymentId: 'customdeploy_mlfx_mr_inv_stamp', onDemandDeploymentId: 'customdeploy_mlfx_mr_inv_stamp_now' },
  /** The admin console (Setup > Integration > FedEx Connector): connection, counts, failures, recent shipments. */
  consoleSuitelet: { scriptId: 'customscript_mlfx_sl_console', deploymentId: 'customdeploy_mlfx_sl_console' },
} as const;

/**
 * Roles (by script id, as runtime.getCurrentUser().roleId gives it) that may void or replay a
 * Shipment: NetSuite's Administrator and the connector's admin role (an SDF role object).
 */
export const ACTION_ROLES = ['administrator', 'customrole_mlfx_admin'] as const;

/** The HMAC key shared with the relay: an API secret (Setup > Company > API Secrets), never a parameter. */
export const RELAY_SECRET_ID = 'custsecret_mlfx_relay_hmac';

export const SHIPMENT = {
  type: 'customrecord_mlfx_shipment',
  fields: {
    fulfillment: 'custrecord_mlfx_shp_fulfillment',
    salesOrder: 'custrecord_mlfx_shp_salesorder',
    invoice: 'custrecord_mlfx_shp_invoice',
    customer: 'custrecord_mlfx_shp_customer',
    idempotencyKey: 'custrecord_mlfx_shp_idem_key',
    status: 'custrecord_mlfx_shp_status',
    trackingNumbers: 'custrecord_mlfx_shp_tracking_nos',
    masterTrackingNumber: 'custrecord_mlfx_shp_master_trk',
    serviceType: 'custrecord_mlfx_shp_service',
    accountNumber: 'custrecord_mlfx_shp_account',
    shipDate: 'custrecord_mlfx_shp_ship_date',
    labelFile: 'custrecord_mlfx_shp_label_file',
    labelUrl: 'custrecord_mlfx_shp_label_url',
    fedexTransactionId: 'custrecord_mlfx_shp_fdx_txn',
    attempts: 'custrecord_mlfx_shp_attempts',
    errorCode: 'custrecord_mlfx_shp_error_code',
    lastError: 'custrecord_mlfx_shp_last_error',
    // Delivery status, kept current by the poll and by webhooks.
    deliveryStatus: 'custrecord_mlfx_shp_dlv_status',
    fedexStatusCode: 'custrecord_mlfx_shp_fdx_code',
    statusDescription: 'custrecord_mlfx_shp_status_desc',
    lastScanAt: 'custrecord_mlfx_shp_last_scan',
    lastScanLocation: 'custrecord_mlfx_shp_scan_loc',
    estimatedDelivery: 'custrecord_mlfx_shp_est_dlv',
    deliveredAt: 'custrecord_mlfx_shp_delivered',
    receivedBy: 'custrecord_mlfx_shp_recv_by',
    exceptionCode: 'custrecord_mlfx_shp_exc_code',
    exceptionDescription: 'custrecord_mlfx_shp_exc_desc',
    /** What the last applied status was made of: equal signature = nothing to write. */
    trackSignature: 'custrecord_mlfx_shp_trk_sig',
    // Quota-aware polling (shared/src/track-plan.ts): the check plan, written only when FedEx's news
    // changes it. Times are epoch minutes (whole numbers, no date format or time zone to misread).
    checkFirst: 'custrecord_mlfx_shp_chk_first',
    checkEvery: 'custrecord_mlfx_shp_chk_every',
    checkEnd: 'custrecord_mlfx_shp_chk_end',
    checkPriority: 'custrecord_mlfx_shp_chk_prio',
    /** For people: when the poll will next ask FedEx, and why. */
    nextCheck: 'custrecord_mlfx_shp_next_check',
    checkReason: 'custrecord_mlfx_shp_chk_reason',
    /** FedEx has nothing more to say (final status) or the connector gave up: the poll leaves it alone. */
    trackingDone: 'custrecord_mlfx_shp_trk_done',
    /** LABEL_UNUSED or NOT_FOUND: a person should look (see the saved search of flagged shipments). */
    trackingFlag: 'custrecord_mlfx_shp_trk_flag',
    notFoundSince: 'custrecord_mlfx_shp_nf_since',
    /** The return leg's tracking number, once FedEx names one; the poll follows it until it is back. */
    returnTrackingNumber: 'custrecord_mlfx_shp_return_trk',
    /** The commercial invoice FedEx returned for an international shipment (File Cabinet PDF). */
    commercialInvoiceFile: 'custrecord_mlfx_shp_ci_file',
    /** The label is bought but the tracking numbers are not yet on the fulfillment's packages (the shipping queue writes them). */
    fulfillmentPending: 'custrecord_mlfx_shp_if_pending',
    // The shipping queue's bookkeeping (shared/src/shipment-lifecycle.ts).
    /** Who works on the Shipment now (a queue run, a user event, an action); with claimedAt, a lease. */
    claim: 'custrecord_mlfx_shp_claim',
    claimedAt: 'custrecord_mlfx_shp_claimed_at',
    /** When the queue may try a RETRYING, UNKNOWN or VOIDING Shipment again. */
    nextAttemptAt: 'custrecord_mlfx_shp_next_try',
    /** The create request as last sent (JSON): a reconciliation resends exactly it, with a raised attempt. */
    request: 'custrecord_mlfx_shp_request',
    /** Why a void was asked for (fulfillment deleted, taken back from Shipped, Cancel by a user). */
    voidReason: 'custrecord_mlfx_shp_void_reason',
    voidedAt: 'custrecord_mlfx_shp_voided_at',
    /** The label is bought but the order's invoice may not list it yet: the shipping queue rewrites the invoice (once per order). */
    invoicePending: 'custrecord_mlfx_shp_inv_pending',
  },
} as const;

export const AUDIT = {
  type: 'customrecord_mlfx_audit',
  fields: {
    operation: 'custrecord_mlfx_aud_operation',
    direction: 'custrecord_mlfx_aud_direction',
    recordType: 'custrecord_mlfx_aud_record_type',
    recordId: 'custrecord_mlfx_aud_record_id',
    shipment: 'custrecord_mlfx_aud_shipment',
    request: 'custrecord_mlfx_aud_request',
    response: 'custrecord_mlfx_aud_response',
    outcome: 'custrecord_mlfx_aud_outcome',
    errorCode: 'custrecord_mlfx_aud_error_code',
    errorMessage: 'custrecord_mlfx_aud_error_msg',
    attempt: 'custrecord_mlfx_aud_attempt',
    correlationId: 'custrecord_mlfx_aud_correlation',
    durationMs: 'custrecord_mlfx_aud_duration_ms',
    time: 'custrecord_mlfx_aud_time',
    /** The steps of the invocation, in order (JSON): one Audit record per invocation, not per step. */
    steps: 'custrecord_mlfx_aud_steps',
  },
} as const;

/** Maps a NetSuite ship method (shipitem) to a FedEx service; a ship method without a row is not FedEx's. */
export const SERVICE_MAP = {
  type: 'customrecord_mlfx_service_map',
  fields: {
    shipItem: 'custrecord_mlfx_svc_ship_item',
    serviceType: 'custrecord_mlfx_svc_service_type',
    packagingType: 'custrecord_mlfx_svc_packaging',
    /** Optional service for residential addresses (default: FEDEX_GROUND → GROUND_HOME_DELIVERY in the US). */
    residentialServiceType: 'custrecord_mlfx_svc_residential',
  },
} as const;

export const INVOICE_FIELDS = {
  trackingNumbers: 'custbody_mlfx_tracking_nos',
  labelLinks: 'custbody_mlfx_label_links',
  deliveryStatus: 'custbody_mlfx_dlv_status',
  deliveredAt: 'custbody_mlfx_delivered_at',
  deliveryException: 'custbody_mlfx_dlv_exception',
  receivedBy: 'custbody_mlfx_received_by',
} as const;

/**
 * The connector's settings: one record (Customization > Lists, Records > FedEx Connector Settings),
 * read by every script, so the user event, the shipping queue and the poll share one configuration.
 */
export const SETTINGS = {
  type: 'customrecord_mlfx_settings',
  fields: {
    relayUrl: 'custrecord_mlfx_set_relay_url',
    fedexAccount: 'custrecord_mlfx_set_fedex_account',
    labelImageType: 'custrecord_mlfx_set_label_type',
    labelStockType: 'custrecord_mlfx_set_label_stock',
    labelFolder: 'custrecord_mlfx_set_label_folder',
    /** Bulk saves (CSV import, mass update, scripts) queue their shipments for the shipping Map/Reduce. */
    queueBulk: 'custrecord_mlfx_set_queue_bulk',
    /** How many times the shipping Map/Reduce retries a shipment that failed for a passing reason. */
    maxAttempts: 'custrecord_mlfx_set_max_attempts',
    /** Most shipments one tracking poll run checks. */
    pollMaxPerRun: 'custrecord_mlfx_set_poll_max',
    /** FedEx Track requests the poll may spend in a day (FedEx's quota day: midnight to midnight GMT). */
    trackDailyBudget: 'custrecord_mlfx_set_trk_budget',
    /** Days without a FedEx scan after which a label is flagged as never used. */
    unusedLabelDays: 'custrecord_mlfx_set_unused_days',
    /** Hours FedEx may not know a tracking number before it is flagged NOT_FOUND. */
    notFoundGraceHours: 'custrecord_mlfx_set_nf_grace',
    /** FedEx pushes tracking updates by webhook: the poll only checks now and then, as a safety net. */
    webhooksActive: 'custrecord_mlfx_set_webhooks',
    /** SENDER (default) or RECIPIENT pays duties and taxes on international shipments. */
    dutiesPayment: 'custrecord_mlfx_set_duties_payer',
    /** Electronic Trade Documents: FedEx sends the commercial invoice to customs (default off). */
    electronicTradeDocuments: 'custrecord_mlfx_set_etd',
    /** Audit records older than this many days are deleted by the audit purge (default 90). */
    auditRetentionDays: 'custrecord_mlfx_set_audit_days',
    /** Days back the shipping queue sweeps for Shipped FedEx fulfillments no user event saw (default 3; 0: off). */
    sweepDays: 'custrecord_mlfx_set_sweep_days',
  },
} as const;

/** Small state the poll keeps between runs: its last run, and the day's Track requests. */
export const STATE = {
  type: 'customrecord_mlfx_state',
  fields: { value: 'custrecord_mlfx_state_value' },
  trackPollName: 'track-poll',
  /** `{ since }`: when the shipping queue's sweep started watching (written by the installation that brought it). */
  shipSweepName: 'ship-sweep',
} as const;

/**
 * Sales order body fields the connector keeps. The invoice user event stamps the order with its
 * first invoice, so the fulfillment user event finds the invoice in the order lookup it makes
 * anyway (1 unit) instead of searching for it (10 units).
 */
export const SALES_ORDER_FIELDS = {
  invoice: 'custbody_mlfx_invoice',
} as const;

/** The N/cache cache (PROTECTED: shared by the SuiteApp's scripts) and its keys. */
export const CONFIG_CACHE = {
  name: 'mlfx_config',
  /** Settings and service map, one entry (bump the version when its shape changes). */
  configKey: 'config:v3',
  /** `address:<location|subsidiary>:<id>` → the record's name and main address. */
  addressKeyPrefix: 'address:',
  /** Set when a bulk save started the shipping queue, so the next rows do not submit it again. */
  shipQueueStartedKey: 'ship-queue-started',
  /** How long that flag lasts (N/cache's minimum TTL): rows saved later wait at most this, or the scheduled run. */
  shipQueueStartedTtlSeconds: 300,
  /** Seconds an entry lives at most (admins' saves also clear it at once). */
  ttlSeconds: 900,
} as const;

export const CUSTOMER_FIELDS = {
  fedexAccount: 'custentity_mlfx_fedex_account',
} as const;

/** Saved searches the installation script creates for finance and fulfillment staff. */
export const SAVED_SEARCHES = {
  invoicesDeliveredThisWeek: 'customsearch_mlfx_inv_delivered_week',
  shipmentsWithExceptions: 'customsearch_mlfx_shp_exceptions',
  failedShipments: 'customsearch_mlfx_shp_failed',
  /** RETRYING: a passing failure, nothing created; the queue tries again at Next Attempt. */
  retryingShipments: 'customsearch_mlfx_shp_retrying',
  /** UNKNOWN at or past Max Attempts: FedEx may hold a label; the queue keeps reconciling, a person should look. */
  unknownPastMaxAttempts: 'customsearch_mlfx_shp_unknown',
  /** VOIDING: a void asked for and not confirmed by FedEx yet. */
  voidsPending: 'customsearch_mlfx_shp_voiding',
  /** VOID_REFUSED: FedEx would not void (picked up); the label is live and billable. */
  voidsRefused: 'customsearch_mlfx_shp_void_refused',
  /** Live labels the tracking poll flagged: LABEL_UNUSED (no scan for days) or NOT_FOUND (FedEx does not know the number). */
  trackingFlagged: 'customsearch_mlfx_shp_trk_flagged',
} as const;

/** The connector's roles (SDF `role` objects): the relay's integration role, and the people who run the connector. */
export const ROLES = {
  /** The role the relay's M2M / TBA credentials log in with: calls the status RESTlet, nothing else. */
  integration: 'customrole_mlfx_integration',
  /** Operators: see and fix Shipments, edit Settings and the Service Map, read Audits. */
  admin: 'customrole_mlfx_admin',
} as const;
