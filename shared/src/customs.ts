// Customs details of a cross-border shipment from NetSuite's data: one commodity per fulfillment
// item line, valued at the order's price in the order's currency, described and classified from the
// item record (NetSuite's own fields: Country of Manufacture `countryofmanufacture`, HS Tariff Number
// `manufacturertariff`, else Schedule B Number `schedulebnumber`, weight `weight`/`weightunit`).
// Missing data is a problem naming the item and the NetSuite field to fill in. Pure: no I/O.
import type { WireCommodity, WireCustoms } from './contract';
import { isCountryCode } from './countries';
import type { FieldProblem } from './errors';
import { cleanText } from './normalize/text';

/** One fulfillment item line with what the order and the item record say about it. */
export interface ItemLineSnapshot {
  /** Item name/number as shown on the fulfillment. */
  item: string;
  description?: string;
  quantity: number;
  /** Price of one unit on the order line (transaction currency). */
  unitPrice?: number;
  /** Item record: ISO code of the Country of Manufacture. */
  countryOfManufacture?: string;
  /** Item record: HS Tariff Number (or Schedule B Number), as typed. */
  harmonizedCode?: string;
  /** Item record: weight of one unit, in `weightUnit`. */
  weight?: number;
  /** Item record: lb, oz, kg or g (NetSuite's weight units). */
  weightUnit?: string;
}

export interface CustomsSettings {
  /** SENDER or RECIPIENT; another value is passed on for the validation to refuse, naming the setting. */
  dutiesPayment: string;
  electronicTradeDocuments: boolean;
  /** The recipient's FedEx account (the customer's FedEx Account Number), billed for RECIPIENT duties. */
  recipientAccount?: string;
}

const POUNDS_PER: Record<string, number> = { lb: 1, oz: 1 / 16, kg: 2.20462262185, g: 0.00220462262185 };

/** Weight of one unit of the item in pounds, when the item record has a usable one. */
export function unitWeightLb(line: ItemLineSnapshot): number | undefined {
  const w = line.weight;
  const factor = POUNDS_PER[(line.weightUnit ?? 'lb').toLowerCase()];
  if (typeof w !== 'number' || !Number.isFinite(w) || w <= 0 || w > 1e6 || factor === undefined) return undefined;
  return w * factor;
}

const quoted = (item: string) => `'${item.length > 40 ? `${item.slice(0, 40)}…` : item}'`;

/**
 * The customs block for `lines` shipped to `destination`, or the problems that stop it. Fractional
 * quantities (items sold by weight or length) are declared as whole units rounded up, at the line's
 * true value: customs needs the value right, FedEx needs an integer quantity.
 */
export function buildCustoms(
  lines: readonly ItemLineSnapshot[],
  order: { currency?: string; tranId?: string } | undefined,
  destination: string,
  settings: CustomsSettings,
): { customs?: WireCustoms; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const currency = cleanText(order?.currency)?.toUpperCase();
  if (!currency || !/^[A-Z]{3}$/.test(currency)) {
    problems.push({
      path: 'customs.currency',
      message: order ? `the sales order's currency has no ISO code${currency ? ` (got '${currency}')` : ''}: set the currency's ISO Code (Lists > Accounting > Currencies)` : 'has no sales order to take prices and currency from: customs needs the value of each item',
    });
  }
  const commodities: WireCommodity[] = [];
  lines.forEach((line) => {
    if (!(typeof line.quantity === 'number' && line.quantity > 0)) return;
    const i = commodities.length;
    const at = `customs.commodities[${i}]`;
    const item = cleanText(line.item) ?? '?';
    const name = `Item ${quoted(item)}`;
    const origin = cleanText(line.countryOfManufacture)?.toUpperCase();
    if (!origin) problems.push({ path: `${at}.countryOfManufacture`, message: `${name} has no Country of Manufacture: set it on the item record (FedEx needs it to clear customs into ${destination})` });
    else if (!isCountryCode(origin)) problems.push({ path: `${at}.countryOfManufacture`, message: `${name} has Country of Manufacture '${origin}', which is not a country code` });
    const rate = line.unitPrice;
    let value = 0;
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0) {
      problems.push({ path: `${at}.unitPrice`, message: `${name} has no price on the sales order: customs needs the value of what is shipped (a free item still needs its fair value as the line's rate)` });
    } else value = Math.round(rate * line.quantity * 100) / 100;
    let harmonizedCode: string | undefined;
    const hs = cleanText(line.harmonizedCode);
    if (hs) {
      harmonizedCode = hs.replace(/[\s.-]/g, '');
      if (!/^\d{6,14}$/.test(harmonizedCode)) {
        problems.push({ path: `${at}.harmonizedCode`, message: `${name} has HS tariff number '${hs}', which is not 6 to 14 digits: correct it on the item record (HS Tariff Number)` });
      }
    }
    const quantity = Math.max(1, Math.ceil(line.quantity - 1e-9));
    const perUnit = unitWeightLb(line);
    const description = cleanText(line.description) ?? item;
    commodities.push({
      item,
      description,
      quantity,
      quantityUnits: 'EA',
      unitPrice: value > 0 ? Math.round((value / quantity) * 100) / 100 : 0,
      customsValue: value,
      countryOfManufacture: origin ?? '',
      ...(harmonizedCode ? { harmonizedCode } : {}),
      ...(perUnit !== undefined ? { weight: perUnit * line.quantity } : {}),
    });
  });
  if (commodities.length === 0) problems.push({ path: 'customs.commodities', message: 'the fulfillment has no item lines to declare to customs' });
  if (problems.length > 0) return { problems };
  return {
    problems,
    customs: {
      currency: currency as string,
      dutiesPayment: settings.dutiesPayment as WireCustoms['dutiesPayment'],
      ...(settings.dutiesPayment === 'RECIPIENT' && settings.recipientAccount ? { dutiesAccountNumber: settings.recipientAccount } : {}),
      electronicTradeDocuments: settings.electronicTradeDocuments,
      ...(order?.tranId ? { invoiceNumber: order.tranId } : {}),
      commodities,
    },
  };
}
