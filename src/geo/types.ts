import type { IncomingMessage } from 'node:http';

/** Where a visitor is: ISO 3166-1 alpha-2 country and, when known, the full ISO 3166-2 code. */
export interface GeoLocation {
  country: string;
  region?: string;
}

/**
 * Finds a request's location. `null` means unknown (private address, no data, a CDN's `XX`).
 * `req.ip` is read when Express set it, so Express's `trust proxy` decides the client address.
 */
export type GeoProvider = (
  req: IncomingMessage & { ip?: string | undefined },
) => GeoLocation | null | Promise<GeoLocation | null>;
