import { OpenAPIHono } from '@hono/zod-openapi';
import { cancelShipmentRoute, createShipmentRoute } from '../../api/routes';
import { refuseInvalid } from '../../api/validation';
import type { ShipmentServiceDeps } from '../../services/create-shipment';
import { cancelShipmentHandler, CANCEL_REQUEST } from './cancel.handlers';
import { createShipmentHandler, CREATE_REQUEST, sharedCreateProblems } from './shipments.handlers';

export function shipmentsRoutes(deps: ShipmentServiceDeps): OpenAPIHono {
  return new OpenAPIHono()
    .openapi(createShipmentRoute, createShipmentHandler(deps), refuseInvalid({ what: CREATE_REQUEST, sharedProblems: sharedCreateProblems }))
    .openapi(cancelShipmentRoute, cancelShipmentHandler(deps), refuseInvalid({ what: CANCEL_REQUEST }));
}
