// The poll's round-robin cursor: the internal id of the last shipment the previous run asked about.
// With 750,000 shipments in transit and FedEx's 100,000 Track requests a day, one run cannot ask
// about everything; each run continues where the last stopped, so every shipment gets its turn.
import * as record from 'N/record';
import * as search from 'N/search';
import { STATE } from '../../../shared/src/ids';

function stateRecordId(): number | undefined {
  const row = search
    .create({ type: STATE.type, filters: [['name', 'is', STATE.trackCursorName]], columns: [STATE.fields.value] })
    .run()
    .getRange({ start: 0, end: 1 })[0];
  return row ? Number(row.id) : undefined;
}

export function readCursor(): number {
  const id = stateRecordId();
  if (id === undefined) return 0;
  const v = search.lookupFields({ type: STATE.type, id, columns: [STATE.fields.value] })[STATE.fields.value];
  return Number(v) || 0;
}

export function writeCursor(value: number): void {
  const id = stateRecordId();
  if (id !== undefined) {
    record.submitFields({ type: STATE.type, id, values: { [STATE.fields.value]: String(value) } });
    return;
  }
  const rec = record.create({ type: STATE.type });
  rec.setValue({ fieldId: 'name', value: STATE.trackCursorName });
  rec.setValue({ fieldId: STATE.fields.value, value: String(value) });
  rec.save();
}
