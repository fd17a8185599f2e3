// Ship-from and transfer addresses (a location's or subsidiary's name and main address) through
// N/cache: 1 unit on a hit instead of a record.load (5). customscript_mlfx_ue_config forgets an
// entry when its location or subsidiary is saved; entries also expire after CONFIG_CACHE.ttlSeconds.
import { CONFIG_CACHE } from '../../../shared/src/ids';
import { configCache } from './settings';

export type PlaceType = 'location' | 'subsidiary';

const keyOf = (type: PlaceType, id: string) => `${CONFIG_CACHE.addressKeyPrefix}${type}:${id}`;

/** What `load` returns for this record, from the cache when it has it. */
export function cachedAddress<T extends object>(type: PlaceType, id: string, load: () => T): T {
  const json = configCache().get({ key: keyOf(type, id), ttl: CONFIG_CACHE.ttlSeconds, loader: () => JSON.stringify(load()) });
  return JSON.parse(json as string) as T;
}

/** Forgets one record's cached address (1 unit). */
export function forgetAddress(type: PlaceType, id: string): void {
  configCache().remove({ key: keyOf(type, id) });
}
