import { Hono } from 'hono';
import { RELAY_PATHS } from '../../../../shared/src/contract';
import type { ShipmentServiceDeps } from '../../services/create-shipment';
import { cancelShipmentHandler } from './cancel.handlers';
import { createShipmentHandler } from './shipments.handlers';

export function shipmentsRoutes(deps: ShipmentServiceDeps): Hono {
  return new Hono().post(RELAY_PATHS.createShipment, createShipmentHandler(deps)).post(RELAY_PATHS.cancelShipment, cancelShipmentHandler(deps));
}
