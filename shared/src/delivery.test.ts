import { describe, expect, it } from 'vitest';
import { invoiceDelivery, shipmentStatusFields, trackSignature } from './delivery';
import type { TrackStatus } from './tracking';

const update = (over: Partial<TrackStatus> = {}): TrackStatus => ({ trackingNumber: '1', found: true, status: 'IN_TRANSIT', fedexCode: 'IT', lastScanTime: '2026-11-24T10:00:00-06:00', ...over });

describe('delivery', () => {
  it('signs what matters: a new scan or status changes the signature, the same update does not', () => {
    expect(trackSignature(update())).toBe(trackSignature(update()));
    expect(trackSignature(update({ lastScanTime: '2026-11-24T11:00:00-06:00' }))).not.toBe(trackSignature(update()));
    expect(trackSignature(update({ status: 'DELIVERED', fedexCode: 'DL' }))).not.toBe(trackSignature(update()));
  });

  it('turns FedEx times into dates for the Shipment record', () => {
    const f = shipmentStatusFields(update({ status: 'DELIVERED', fedexCode: 'DL', deliveredAt: '2026-11-25T09:26:00-07:00', receivedBy: 'D.HERRERA' }));
    expect(f.deliveredAt?.toISOString()).toBe('2026-11-25T16:26:00.000Z');
    expect(f.receivedBy).toBe('D.HERRERA');
    expect(f.deliveryStatus).toBe('DELIVERED');
  });

  it('summarises an order: exception first, delivered only when all are, else the least advanced', () => {
    const d1 = new Date('2026-11-25T10:00:00Z');
    const d2 = new Date('2026-11-26T10:00:00Z');
    expect(invoiceDelivery([{ status: 'DELIVERED', deliveredAt: d1 }, { status: 'DELIVERED', deliveredAt: d2 }])).toEqual({ status: 'DELIVERED', exception: '', deliveredAt: d2 });
    expect(invoiceDelivery([{ status: 'DELIVERED', deliveredAt: d1 }, { status: 'OUT_FOR_DELIVERY' }]).status).toBe('OUT_FOR_DELIVERY');
    expect(invoiceDelivery([{ status: 'IN_TRANSIT' }, { status: 'EXCEPTION', exception: 'Customer not available', trackingNumber: '9' }])).toEqual({ status: 'EXCEPTION', exception: '9: Customer not available' });
    expect(invoiceDelivery([{ status: 'CANCELLED' }, { status: 'DELIVERED', deliveredAt: d1 }])).toMatchObject({ status: 'DELIVERED', deliveredAt: d1 });
  });
});
