// What one FedEx answer means for one Shipment, decided without I/O: the status to show (the return
// leg's delivery is RETURNED, not DELIVERED), whether it is news, and the next check plan. The poll's
// map stage uses it to send only what must be written to reduce; the RESTlet uses it for webhooks.
import { sameNews } from './delivery';
import type { TrackFacts, TrackPlan, TrackPlanSettings } from './track-plan';
import { planTracking, utcOffsetOf } from './track-plan';
import type { TrackStatus } from './tracking';

/** What NetSuite holds about the shipment's tracking (see suiteapp/ts/lib/tracked-shipments.ts). */
export interface TrackedState {
  trackingNumber: string;
  returnTrackingNumber?: string;
  /** The delivery status shown ('' until FedEx has been asked). */
  status: string;
  signature: string;
  labelAt: number;
  estimatedDelivery?: string;
  notFoundSince?: number;
  plan?: Pick<TrackPlan, 'first' | 'every' | 'end' | 'flag'>;
}

export interface TrackDecision {
  /** `status`: news to record (Shipment, history, maybe invoice); `plan`: only the next check changes; `none`: nothing to write. */
  write: 'status' | 'plan' | 'none';
  /** The update as it applies to this shipment (status adjusted for the return leg). */
  update: TrackStatus;
  /** The next plan; null when FedEx has nothing more to say or the connector gives up. */
  plan: TrackPlan | null;
  notFoundSince?: number;
}

/** The return leg reports on the package coming back: delivered there means returned to the shipper. */
export function updateForShipment(update: TrackStatus, state: Pick<TrackedState, 'returnTrackingNumber'>): TrackStatus {
  if (!update.found || !state.returnTrackingNumber || update.trackingNumber !== state.returnTrackingNumber) return update;
  if (update.status === 'DELIVERED') {
    const { deliveredAt, receivedBy: _signer, ...rest } = update;
    return { ...rest, status: 'RETURNED', returnTrackingNumber: state.returnTrackingNumber, ...(deliveredAt ? { lastScanTime: deliveredAt } : {}) };
  }
  if (update.status === 'CANCELLED') return update;
  return { ...update, status: 'RETURNING', returnTrackingNumber: state.returnTrackingNumber };
}

const NEVER_FOUND = ['', 'NOT_FOUND', 'UNKNOWN'];

export function decideTracking(state: TrackedState, answer: TrackStatus, now: number, settings: TrackPlanSettings, webhook: boolean): TrackDecision {
  const update = updateForShipment(answer, state);
  const facts = (status: TrackStatus['status'], extra: Partial<TrackFacts> = {}): TrackFacts => {
    const estimatedDelivery = update.estimatedDelivery ?? state.estimatedDelivery;
    const offset = utcOffsetOf(update.estimatedDelivery) ?? utcOffsetOf(update.lastScanTime);
    return { status, labelAt: state.labelAt, webhook, ...(estimatedDelivery ? { estimatedDelivery } : {}), ...(offset !== undefined ? { utcOffsetMinutes: offset } : {}), ...extra };
  };
  const planChanged = (plan: TrackPlan | null) => !state.plan || !plan || now >= state.plan.end || plan.flag !== state.plan.flag;

  if (!update.found) {
    if (!NEVER_FOUND.includes(state.status)) {
      // FedEx knew this number before: a passing miss is no news; keep the plan, re-plan when it ends.
      const plan = planTracking(facts(state.status as TrackStatus['status']), now, settings);
      return { write: state.plan && now < state.plan.end ? 'none' : 'plan', update, plan };
    }
    const notFoundSince = state.notFoundSince ?? now;
    const plan = planTracking(facts('NOT_FOUND', { notFoundSince }), now, settings);
    const notFound: TrackStatus = { ...update, status: 'NOT_FOUND' };
    if (state.status !== 'NOT_FOUND') return { write: 'status', update: notFound, plan, notFoundSince };
    return { write: planChanged(plan) ? 'plan' : 'none', update: notFound, plan, notFoundSince };
  }

  const plan = planTracking(facts(update.status), now, settings);
  if (!sameNews(state.signature, update)) return { write: 'status', update, plan };
  return { write: planChanged(plan) ? 'plan' : 'none', update, plan };
}
