// GET /openapi.json is generated from the route declarations: a valid OpenAPI 3 document that lists
// every route the app serves (compared against the app's own routing table), each with its request
// schema, and the signed routes with the HMAC headers they need.
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { RELAY_PATHS } from '../../../shared/src/contract';
import { SIGNATURE_HEADERS } from '../../../shared/src/signing';
import { relayHarness } from '../../../test/support/relay-harness';
import type { NetSuiteClient } from '../netsuite/client';
import { OPENAPI_PATH } from './openapi';

type Operation = { requestBody?: { required?: boolean; content: Record<string, { schema: { $ref?: string } }> }; parameters?: { in: string; name: string; required?: boolean }[]; security?: Record<string, string[]>[]; responses: Record<string, unknown> };
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> } };

async function documentOf(app: ReturnType<typeof relayHarness>['app']) {
  const res = await app.request(OPENAPI_PATH);
  expect(res.status).toBe(200);
  return (await res.json()) as Doc;
}

describe('GET /openapi.json', () => {
  const h = relayHarness({ webhooks: { securityToken: 'webhook-token-0123456789abcdef', netsuite: {} as NetSuiteClient } });

  it('is a valid OpenAPI 3 document', async () => {
    const doc = await documentOf(h.app);
    expect(doc.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('lists exactly the routes the app serves, each request body with its schema', async () => {
    const doc = await documentOf(h.app);
    const served = new Set(h.app.routes.filter((r) => r.method !== 'ALL' && r.path !== OPENAPI_PATH).map((r) => `${r.method} ${r.path}`));
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`)));
    expect([...documented].sort()).toEqual([...served].sort());
    for (const path of [RELAY_PATHS.createShipment, RELAY_PATHS.cancelShipment, RELAY_PATHS.track, RELAY_PATHS.ping, RELAY_PATHS.fedexWebhook]) {
      expect(served).toContain(`POST ${path}`);
      const body = doc.paths[path]?.post?.requestBody;
      expect(body?.required, path).toBe(true);
      expect(body?.content['application/json']?.schema, path).toBeDefined();
    }
    expect(doc.paths[RELAY_PATHS.createShipment]?.post?.requestBody?.content['application/json']?.schema.$ref).toBe('#/components/schemas/CreateShipmentRequest');
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['CreateShipmentRequest', 'CancelShipmentRequest', 'TrackRequest', 'Error', 'Readiness']));
  });

  it('describes the HMAC headers and the signature scheme on every signed route', async () => {
    const doc = await documentOf(h.app);
    const signedPaths = Object.keys(doc.paths).filter((p) => p.startsWith('/v1/'));
    expect(signedPaths.length).toBe(4);
    for (const path of signedPaths) {
      const op = doc.paths[path]?.post as Operation;
      const headers = (op.parameters ?? []).filter((p) => p.in === 'header' && p.required).map((p) => p.name);
      expect(headers.sort(), path).toEqual(Object.values(SIGNATURE_HEADERS).sort());
      expect(op.security, path).toEqual([{ mlfxSignature: [] }]);
      expect(Object.keys(op.responses), path).toEqual(expect.arrayContaining(['400', '401']));
    }
    expect(doc.components.securitySchemes).toHaveProperty('mlfxSignature');
    expect(doc.paths[RELAY_PATHS.fedexWebhook]?.post?.security).toEqual([{ fdxSignature: [] }]);
  });
});
