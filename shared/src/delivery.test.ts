import { describe, expect, it } from 'vitest';
import { financeStatus, invoiceDelivery, sameNews, shipmentStatusFields, trackSignature } from './delivery';
import type { TrackStatus } from './tracking';

const update = (over: Partial<TrackStatus> = {}): TrackStatus => ({ trackingNumber: '1', found: true, status: 'IN_TRANSIT', fedexCode: 'IT', lastScanTime: '2026-11-24T10:00:00-06:00', ...over });

describe('delivery', () => {
  it('signs what matters: status, estimate, exception, delivery; a hub scan alone is no news', () => {
    expect(trackSignature(update())).toBe(trackSignature(update()));
    const stored = trackSignature(update());
    expect(sameNews(stored, update({ lastScanTime: '2026-11-24T11:00:00-06:00', fedexCode: 'DP' }))).toBe(true);
    expect(sameNews(stored, update({ status: 'DELIVERED', fedexCode: 'DL' }))).toBe(false);
    expect(sameNews(stored, update({ estimatedDelivery: '2026-11-27' }))).toBe(false);
    expect(sameNews(stored, update({ status: 'RETURNING', returnTrackingNumber: '780845752695' }))).toBe(false);
  });

  it("puts finance's statuses on the invoice", () => {
    expect(['LABEL_CREATED', 'PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELAYED', 'HELD'].map(financeStatus)).toEqual(Array(6).fill('IN_TRANSIT'));
    expect(['DELIVERED', 'EXCEPTION', 'RETURNING', 'RETURNED', 'CANCELLED'].map(financeStatus)).toEqual(['DELIVERED', 'EXCEPTION', 'RETURNING', 'RETURNED', 'CANCELLED']);
  });

  it('turns FedEx times into dates for the Shipment record', () => {
    const f = shipmentStatusFields(update({ status: 'DELIVERED', fedexCode: 'DL', deliveredAt: '2026-11-25T09:26:00-07:00', receivedBy: 'D.HERRERA' }));
    expect(f.deliveredAt?.toISOString()).toBe('2026-11-25T16:26:00.000Z');
    expect(f.receivedBy).toBe('D.HERRERA');
    expect(f.deliveryStatus).toBe('DELIVERED');
  });

  it('summarises an order: exception first, delivered (with signers) only when all are, returns, else in transit', () => {
    const d1 = new Date('2026-11-25T10:00:00Z');
    const d2 = new Date('2026-11-26T10:00:00Z');
    expect(invoiceDelivery([{ status: 'DELIVERED', deliveredAt: d1, receivedBy: 'D.HERRERA' }, { status: 'DELIVERED', deliveredAt: d2, receivedBy: 'D.HERRERA' }])).toEqual({ status: 'DELIVERED', exception: '', receivedBy: 'D.HERRERA', deliveredAt: d2 });
    expect(invoiceDelivery([{ status: 'DELIVERED', deliveredAt: d1 }, { status: 'OUT_FOR_DELIVERY' }]).status).toBe('IN_TRANSIT');
    expect(invoiceDelivery([{ status: 'DELIVERED', deliveredAt: d1 }, { status: 'RETURNING' }]).status).toBe('RETURNING');
    expect(invoiceDelivery([{ status: 'IN_TRANSIT' }, { status: 'EXCEPTION', exception: 'Customer not available', trackingNumber: '9' }])).toEqual({ status: 'EXCEPTION', receivedBy: '', exception: '9: Customer not available' });
    expect(invoiceDelivery([{ status: 'CANCELLED' }, { status: 'DELIVERED', deliveredAt: d1 }])).toMatchObject({ status: 'DELIVERED', deliveredAt: d1 });
  });
});
