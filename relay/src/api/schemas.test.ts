// The zod schemas are the relay's runtime form of the wire contract (shared/src/contract.ts), which
// stays the one definition. These checks run at `npm run typecheck`: a field added, removed, renamed,
// made optional or retyped on either side fails it. The runtime checks: the schemas accept what the
// SuiteApp sends (the shared fixtures), so they never refuse what the shared validator accepts.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from '@hono/zod-openapi';
import type { CancelShipmentRequest, CancelShipmentResponse, CreateShipmentRequest, CreateShipmentResponse, PingResponse, TrackRequest, TrackResponse } from '../../../shared/src/contract';
import type { RelayErrorBody } from '../../../shared/src/errors';
import { sampleRequest } from '../../../shared/src/test-fixtures';
import { prepareCreateShipmentRequest } from '../../../shared/src/validate';
import {
  CancelShipmentRequestSchema,
  CancelShipmentResponseSchema,
  CreateShipmentRequestSchema,
  CreateShipmentResponseSchema,
  ErrorBodySchema,
  PingResponseSchema,
  TrackRequestSchema,
  TrackResponseSchema,
} from './schemas';

describe('the zod schemas and the shared contract', () => {
  it('are the same types, both ways', () => {
    expectTypeOf<z.infer<typeof CreateShipmentRequestSchema>>().toEqualTypeOf<CreateShipmentRequest>();
    expectTypeOf<CreateShipmentRequest>().toEqualTypeOf<z.infer<typeof CreateShipmentRequestSchema>>();
    expectTypeOf<z.infer<typeof CreateShipmentResponseSchema>>().toEqualTypeOf<CreateShipmentResponse>();
    expectTypeOf<CreateShipmentResponse>().toEqualTypeOf<z.infer<typeof CreateShipmentResponseSchema>>();
    expectTypeOf<z.infer<typeof CancelShipmentRequestSchema>>().toEqualTypeOf<CancelShipmentRequest>();
    expectTypeOf<CancelShipmentRequest>().toEqualTypeOf<z.infer<typeof CancelShipmentRequestSchema>>();
    expectTypeOf<z.infer<typeof CancelShipmentResponseSchema>>().toEqualTypeOf<CancelShipmentResponse>();
    expectTypeOf<CancelShipmentResponse>().toEqualTypeOf<z.infer<typeof CancelShipmentResponseSchema>>();
    expectTypeOf<z.infer<typeof TrackRequestSchema>>().toEqualTypeOf<TrackRequest>();
    expectTypeOf<TrackRequest>().toEqualTypeOf<z.infer<typeof TrackRequestSchema>>();
    expectTypeOf<z.infer<typeof TrackResponseSchema>>().toEqualTypeOf<TrackResponse>();
    expectTypeOf<TrackResponse>().toEqualTypeOf<z.infer<typeof TrackResponseSchema>>();
    expectTypeOf<z.infer<typeof PingResponseSchema>>().toEqualTypeOf<PingResponse>();
    expectTypeOf<PingResponse>().toEqualTypeOf<z.infer<typeof PingResponseSchema>>();
    expectTypeOf<z.infer<typeof ErrorBodySchema>>().toEqualTypeOf<RelayErrorBody>();
    expectTypeOf<RelayErrorBody>().toEqualTypeOf<z.infer<typeof ErrorBodySchema>>();
  });

  it('accept what the SuiteApp sends, before and after normalization', () => {
    const sent = sampleRequest();
    expect(CreateShipmentRequestSchema.safeParse(sent).success).toBe(true);
    const prepared = prepareCreateShipmentRequest(sent);
    expect(prepared.ok).toBe(true);
    if (prepared.ok) expect(CreateShipmentRequestSchema.safeParse(prepared.value).success).toBe(true);
    expect(TrackRequestSchema.safeParse({ shipments: [{ trackingNumber: '794953555571', shipDate: '2026-11-24' }] }).success).toBe(true);
    expect(CancelShipmentRequestSchema.safeParse({ idempotencyKey: sent.idempotencyKey, trackingNumber: '794953555571' }).success).toBe(true);
  });
});
