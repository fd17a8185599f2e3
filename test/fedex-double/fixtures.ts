import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Root of the FedEx reference files copied into the project (see test/fixtures/fedex/PROVENANCE.md). */
export const FEDEX_FIXTURES_DIR = fileURLToPath(new URL('../fixtures/fedex/', import.meta.url));

export function fixturePath(relative: string): string {
  return fileURLToPath(new URL(`../fixtures/fedex/${relative}`, import.meta.url));
}

export function readFixtureJson<T = unknown>(relative: string): T {
  return JSON.parse(readFileSync(fixturePath(relative), 'utf8')) as T;
}
