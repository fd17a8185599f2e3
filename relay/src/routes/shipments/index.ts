import { Hono } from 'hono';
import { RELAY_PATHS } from '../../../../shared/src/contract';
import type { ShipmentServiceDeps } from '../../services/create-shipment';
import { createShipmentHandler } from './shipments.handlers';

export function shipmentsRoutes(deps: ShipmentServiceDeps): Hono {
  return new Hono().post(RELAY_PATHS.createShipment, createShipmentHandler(deps));
}
