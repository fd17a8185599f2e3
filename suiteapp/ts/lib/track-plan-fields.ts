// A Shipment's tracking check plan as record values (shared/src/track-plan.ts decides the plan).
import { SHIPMENT } from '../../../shared/src/ids';
import type { TrackPlan } from '../../../shared/src/track-plan';
import { epochMinutes, planTracking } from '../../../shared/src/track-plan';

const F = SHIPMENT.fields;

type Values = Record<string, string | number | boolean | Date>;

/** The plan's fields; no plan means the poll is done with this shipment. */
export function planValues(plan: TrackPlan | null): Values {
  if (!plan) return { [F.trackingDone]: true, [F.checkReason]: 'no further checks' };
  return {
    [F.checkFirst]: plan.first,
    [F.checkEvery]: plan.every,
    [F.checkEnd]: plan.end,
    [F.checkPriority]: plan.priority,
    [F.nextCheck]: new Date(plan.first * 60_000),
    [F.checkReason]: plan.reason.slice(0, 300),
    [F.trackingFlag]: plan.flag ?? '',
    [F.trackingDone]: false,
  };
}

/** The plan of a label bought now: written with the CREATED Shipment, so the poll waits for the pickup scan. */
export function newLabelPlanValues(nowMs: number): Values {
  const now = epochMinutes(nowMs);
  return planValues(planTracking({ labelAt: now }, now));
}
