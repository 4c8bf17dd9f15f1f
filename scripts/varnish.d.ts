/** Debian's varnishd. */
export const VARNISHD: string;

export interface RunningVarnish {
  port: number;
  /** How Varnish handled each top-level client request so far (`hit`, `miss`, `pass`…), with its URL; ESI sub-requests are not among them. */
  topLevelRequests(): Promise<{ handling: string; url: string }[]>;
  stop(): Promise<void>;
}

/** Starts Varnish with the example VCL in front of a backend on this loopback port. */
export function startVarnish(backendPort: number): Promise<RunningVarnish>;
