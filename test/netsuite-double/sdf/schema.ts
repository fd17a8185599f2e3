// Oracle's SDF XML object schema as data (test/fixtures/sdf-schema, provenance in its README):
// element trees per object type, value lists, feature ids. Read once per process.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SCHEMA_DIR = resolve(import.meta.dirname, '../../fixtures/sdf-schema');

export interface WhenRule {
  rule: 'mandatory' | 'available';
  field: string;
  op: 'eq' | 'ne';
  values: string[];
}

export interface SchemaField {
  required: boolean;
  type: 'string' | 'boolean' | 'number' | 'scriptid' | 'enum' | 'object';
  list?: boolean;
  sdfType?: 'single-select list' | 'multi-select list' | 'filereference';
  pattern?: string;
  maxLength?: number;
  min?: number;
  max?: number;
  default?: string;
  enum?: string;
  valuesFrom?: string[];
  refTypes?: string[];
  features?: string[];
  when?: WhenRule[];
  attributes?: Record<string, SchemaField>;
  children?: Record<string, SchemaField>;
  customChildrenFrom?: string;
}

export interface SdfSchema {
  types: Record<string, SchemaField>;
  enums: Record<string, readonly string[]>;
  /** Lists named only in descriptions (valuesFrom), not as a field type. */
  descriptionOnly: ReadonlySet<string>;
  features: ReadonlySet<string>;
}

let cached: SdfSchema | undefined;

export function loadSdfSchema(dir = SCHEMA_DIR): SdfSchema {
  if (cached && dir === SCHEMA_DIR) return cached;
  const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
  const objects = read('objects.json') as { types: Record<string, SchemaField> };
  const enums = read('enums.json') as { enums: Record<string, string[]>; _meta: { descriptionOnly: string[] } };
  const features = read('features.json') as { features: string[] };
  const schema: SdfSchema = {
    types: objects.types,
    enums: enums.enums,
    descriptionOnly: new Set(enums._meta.descriptionOnly),
    features: new Set(features.features),
  };
  if (dir === SCHEMA_DIR) cached = schema;
  return schema;
}
