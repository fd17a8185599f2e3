// Every benchmark group, in the order they run. To add figures: a module in this folder exporting a
// BenchGroup (bench/lib/group.ts), listed here.
import type { BenchGroup } from '../lib/group';
import { burst } from './burst';
import { governance } from './governance';
import { multi } from './multi';
import { overhead } from './overhead';
import { overload } from './overload';
import { ship } from './ship';
import { track } from './track';
import { trackingSim } from './tracking-sim';

export const GROUPS: BenchGroup[] = [ship, burst, overload, track, overhead, multi, governance, trackingSim];
