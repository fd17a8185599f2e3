/**
 * FedEx writes local times with their UTC offset ("2024-08-20T12:41:57-04:00"). The double uses one
 * fixed offset for every event (default US Eastern standard time), so a client that drops the offset
 * gets the wrong instant, as it would with FedEx.
 */
export const DEFAULT_UTC_OFFSET = '-05:00';

export function offsetMinutes(offset: string): number {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!match) throw new RangeError(`UTC offset must look like -05:00, got "${offset}"`);
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** 2025-01-06T10:00:00-05:00 */
export function formatLocal(ms: number, offset: string): string {
  const local = new Date(ms + offsetMinutes(offset) * 60_000).toISOString();
  return `${local.slice(0, 19)}${offset}`;
}

/** The local calendar date, YYYY-MM-DD. */
export function localDate(ms: number, offset: string): string {
  return formatLocal(ms, offset).slice(0, 10);
}
