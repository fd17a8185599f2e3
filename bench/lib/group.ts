// What a benchmark group is: a module that runs one scenario and returns named figures. The runner
// (bench/run.ts) prints them as tables or as one JSON object; to add figures, add a group module in
// bench/groups/ and list it in bench/groups/index.ts. Keys are snake_case and unique across groups.

export type MetricValue = number | string | boolean | null;

export interface Target {
  op: '>=' | '<=' | '<' | '>' | '==';
  value: number;
}

export interface Metric {
  key: string;
  value: MetricValue;
  /** What it is, for the table. */
  label: string;
  unit?: string;
  /** The target, when it has one: the table says met or missed, and by how much. */
  target?: Target;
}

export interface BenchSettings {
  /** FedEx double's real delay per create (and cancel), ms. */
  latencyMs: number;
  /** Bytes per PDF label from the FedEx double. */
  labelBytes: number;
  /** Smaller runs for development: figures are not comparable to full runs. */
  quick: boolean;
  /** NODE_OPTIONS for the relay processes ('' = none, as `npm start` runs it). */
  relayNodeOptions: string;
}

export interface GroupContext {
  settings: BenchSettings;
  /** Progress lines (stderr: stdout carries only the results). */
  log(message: string): void;
}

export interface GroupResult {
  metrics: Metric[];
  /** Lines printed under the group's table: what was measured and how to read it. */
  notes?: string[];
}

export interface BenchGroup {
  /** For --only / --skip. */
  id: string;
  title: string;
  run(context: GroupContext): Promise<GroupResult>;
}

export function meets(value: MetricValue, target: Target): boolean | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  switch (target.op) {
    case '>=':
      return value >= target.value;
    case '<=':
      return value <= target.value;
    case '<':
      return value < target.value;
    case '>':
      return value > target.value;
    case '==':
      return value === target.value;
  }
}
