import type { LabelImageType } from './labels';
import type { TimelineStep } from './timeline';

/** Address and contact as the double keeps them (read from the request; the schema checked the shapes). */
export interface PartySummary {
  personName?: string;
  companyName?: string;
  phoneNumber?: string;
  streetLines: string[];
  city?: string;
  stateOrProvinceCode?: string;
  postalCode?: string;
  countryCode?: string;
  residential?: boolean;
}

export interface CustomerReference {
  customerReferenceType: string;
  value: string;
}

export interface PieceRecord {
  trackingNumber: string;
  sequenceNumber: number;
  customerReferences: CustomerReference[];
  weight?: { units: string; value: number };
}

export interface ShipmentRecord {
  id: string;
  /** `created` through POST /ship/v1/shipments; `historic` added by a test to model a reused number. */
  kind: 'created' | 'historic';
  /** Client id (project) of the token that created it. */
  clientId?: string;
  accountNumber: string;
  masterTrackingNumber: string;
  trackingNumbers: string[];
  pieces: PieceRecord[];
  /** Distinct `requestedPackageLineItems[].customerReferences[].value`s. */
  customerReferences: string[];
  /** YYYY-MM-DD */
  shipDate: string;
  serviceType: string;
  packagingType: string;
  labelResponseOptions?: 'URL_ONLY' | 'LABEL';
  imageType?: LabelImageType;
  /** ms on the double's clock. */
  createdAt: number;
  cancelledAt?: number;
  /** True when fault injection lost the create response: FedEx made the label, the client never saw it. */
  responseDropped: boolean;
  shipper: PartySummary;
  recipient: PartySummary;
  /** Status events as offsets from `createdAt`, sorted; see timeline.ts. */
  timeline: TimelineStep[];
  /** The create request body as received. */
  request?: unknown;
  /** Distinguishes shipments sharing a tracking number (trackingNumberUniqueId). */
  uniqueIdPrefix: string;
}

/**
 * FedEx 12-digit tracking numbers end in a mod-11 check digit over the first 11 digits with weights
 * 3,1,7 repeating; it holds for the numbers in FedEx's samples (776094337676, 738488882438, 794953555571).
 */
export function trackingCheckDigit(first11: string): number {
  const weights = [3, 1, 7];
  let sum = 0;
  for (let i = 0; i < 11; i += 1) sum += Number(first11[i]) * (weights[i % 3] ?? 0);
  return (sum % 11) % 10;
}

export function isValidTrackingNumber(trackingNumber: string): boolean {
  return /^\d{12}$/.test(trackingNumber) && trackingCheckDigit(trackingNumber.slice(0, 11)) === Number(trackingNumber[11]);
}

export class ShipmentStore {
  #records: ShipmentRecord[] = [];
  #byTracking = new Map<string, ShipmentRecord[]>();
  #createdPerReference = new Map<string, number>();
  #nextSerial: number;
  readonly #firstSerial: number;

  /** `firstSerial`: the first 11 digits of the first generated tracking number. */
  constructor(firstSerial = 79460000001) {
    this.#firstSerial = firstSerial;
    this.#nextSerial = firstSerial;
  }

  /** A fresh, check-digit-valid number no stored shipment uses. */
  nextTrackingNumber(): string {
    for (;;) {
      const first11 = String(this.#nextSerial).padStart(11, '0');
      this.#nextSerial += 1;
      const candidate = `${first11}${trackingCheckDigit(first11)}`;
      if (!this.#byTracking.has(candidate)) return candidate;
    }
  }

  add(record: ShipmentRecord): void {
    this.#records.push(record);
    for (const trackingNumber of record.trackingNumbers) {
      const list = this.#byTracking.get(trackingNumber) ?? [];
      list.push(record);
      list.sort((a, b) => a.createdAt - b.createdAt);
      this.#byTracking.set(trackingNumber, list);
    }
    if (record.kind === 'created') {
      for (const reference of record.customerReferences) {
        this.#createdPerReference.set(reference, (this.#createdPerReference.get(reference) ?? 0) + 1);
      }
    }
  }

  /** Every shipment with this number, oldest first (FedEx reuses numbers). */
  byTrackingNumber(trackingNumber: string): ShipmentRecord[] {
    return [...(this.#byTracking.get(trackingNumber) ?? [])];
  }

  /** The newest shipment with this number. */
  latest(trackingNumber: string): ShipmentRecord | undefined {
    const list = this.#byTracking.get(trackingNumber);
    return list?.[list.length - 1];
  }

  byCustomerReference(value: string): ShipmentRecord[] {
    return this.#records.filter((record) => record.customerReferences.includes(value));
  }

  /** Shipments created through the API (not historic ones) carrying this customer reference. */
  createdCountForReference(value: string): number {
    return this.#createdPerReference.get(value) ?? 0;
  }

  createdPerReference(): Record<string, number> {
    return Object.fromEntries(this.#createdPerReference);
  }

  all(): ShipmentRecord[] {
    return [...this.#records];
  }

  reset(): void {
    this.#records = [];
    this.#byTracking.clear();
    this.#createdPerReference.clear();
    this.#nextSerial = this.#firstSerial;
  }
}
