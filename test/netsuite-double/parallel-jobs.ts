// Map and reduce jobs run in parallel in NetSuite, up to the deployment's concurrency limit
// (d:bridgehead_4387802529: "Data can be processed simultaneously in this stage"), so two jobs can
// update one record at the same time. The double runs scripts one after another (they are
// synchronous), and models the overlap deterministically, as the worst interleaving of a ROUND:
// the driver runs a stage's calls in rounds of `concurrency` calls, and within a round every call
// acts as if all of them had started together:
// - record.load of a record another call of the round has changed since the round began gives the
//   record as it was when the round began (with that version), so saving it fails with
//   RCRD_HAS_BEEN_CHANGED, as the second of two overlapping load-and-save jobs does in NetSuite;
// - record.submitFields of a record another call of the round has changed fails the same way;
// - searches and lookupFields see the latest data (not modelled: a search's snapshot).
// Outside a round (every other script, and Map/Reduce with concurrency 1) nothing changes.
import type { StoredRecord } from './records/model.js';

interface Touch {
  /** The record as it was when the round began. */
  before: StoredRecord;
  /** The call that changed it, or -1 when several did. */
  by: number;
}

export class ParallelJobs {
  #round: Map<string, Touch> | undefined;
  #call = 0;

  /** Starts a round of calls that overlap in time. */
  beginRound(): void {
    this.#round = new Map();
  }

  /** The next call of the round. */
  beginCall(call: number): void {
    this.#call = call;
  }

  endRound(): void {
    this.#round = undefined;
  }

  get active(): boolean {
    return this.#round !== undefined;
  }

  /** The store reports every replace/delete with the record as it was before. */
  observeWrite(before: StoredRecord): void {
    if (!this.#round) return;
    const key = `${before.type}:${before.id}`;
    const touch = this.#round.get(key);
    if (!touch) this.#round.set(key, { before, by: this.#call });
    else if (touch.by !== this.#call) touch.by = -1;
  }

  /** What a load by the current call sees when another call of the round changed the record. */
  staleView(type: string, id: number): StoredRecord | undefined {
    const touch = this.#round?.get(`${type}:${id}`);
    return touch && touch.by !== this.#call ? touch.before : undefined;
  }

  /** Whether another call of the round changed the record since the round began. */
  changedByAnother(type: string, id: number): boolean {
    return this.staleView(type, id) !== undefined;
  }
}
