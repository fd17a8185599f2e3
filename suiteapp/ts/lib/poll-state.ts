// What the tracking poll keeps between runs, in one FedEx Connector State record: when it last ran
// (due checks are those that fell since), the Track requests spent on FedEx's current quota day, and
// a pause after FedEx said the day's quota is used up. Counted here, in NetSuite, not in the relay:
// the relay may restart or run as several instances, NetSuite's count survives both.
import * as record from 'N/record';
import * as search from 'N/search';
import { STATE } from '../../../shared/src/ids';
import { configCache } from './settings';

const STATE_CACHE_KEY = 'poll-state-id';
/** The record's id never changes: kept a day (NetSuite may still drop it sooner; then one search). */
const STATE_ID_TTL_SECONDS = 24 * 3600;

export interface PollState {
  /** Epoch minutes of the last run's start (0: never ran). */
  lastRun: number;
  /** FedEx's quota day (YYYY-MM-DD, GMT) that `used` counts. */
  day: string;
  used: number;
  /** Epoch ms until which FedEx refuses Track requests (its daily quota is used up). */
  pausedUntil?: number;
  /** The run before the last: a run whose batches failed hands its window back to the next run. */
  previousRun?: number;
  /** The last run's checks, and the due checks it left for later (for its summary Audit record). */
  lastRunChecks?: number;
  lastRunNotPolled?: number;
}

export interface StoredPollState extends PollState {
  recordId?: number;
}

const NONE = 'none';

/** The state record's internal id, remembered in N/cache (1 unit; 12 when NetSuite has dropped it). */
function stateRecordId(): number | undefined {
  const id = configCache().get({
    key: STATE_CACHE_KEY,
    ttl: STATE_ID_TTL_SECONDS,
    loader: () => {
      const row = search
        .create({ type: STATE.type, filters: [['name', 'is', STATE.trackPollName]], columns: ['internalid'] })
        .run()
        .getRange({ start: 0, end: 1 })[0];
      return row ? String(row.id) : NONE;
    },
  });
  return id && id !== NONE ? Number(id) : undefined;
}

/** 2 units when the record's id is cached (a cache get and a lookup). */
export function readPollState(): StoredPollState {
  const empty: PollState = { lastRun: 0, day: '', used: 0 };
  const recordId = stateRecordId();
  if (recordId === undefined) return empty;
  const value = search.lookupFields({ type: STATE.type, id: recordId, columns: [STATE.fields.value] })[STATE.fields.value];
  try {
    const stored = JSON.parse(String(value || '{}')) as Partial<PollState>;
    return { ...empty, ...stored, recordId };
  } catch {
    return { ...empty, recordId };
  }
}

/** 2 units (submitFields on a custom record), or 7 the first time (create, save, remember its id). */
export function writePollState(state: StoredPollState): void {
  const { recordId, ...value } = state;
  if (recordId !== undefined) {
    record.submitFields({ type: STATE.type, id: recordId, values: { [STATE.fields.value]: JSON.stringify(value) } });
    return;
  }
  const rec = record.create({ type: STATE.type });
  rec.setValue({ fieldId: 'name', value: STATE.trackPollName });
  rec.setValue({ fieldId: STATE.fields.value, value: JSON.stringify(value) });
  const id = rec.save();
  configCache().put({ key: STATE_CACHE_KEY, value: String(id), ttl: STATE_ID_TTL_SECONDS });
}
