import type { DecidedNotice } from '../core/types';
import type { InjectionReport } from './html/injector';

/** What the response path tells the record as it goes. */
export interface DeliveryWatch {
  /** An injector was created for the page; its report is final once the page has ended. */
  injector(report: Readonly<InjectionReport>): void;
  /** Injection failed: the page went out as the application wrote it. */
  injectionFailed(): void;
  /** The `endpoint` option answered with the decision as JSON. */
  endpoint(): void;
  /** An ESI include answered the notices of one placement. */
  include(placement: DecidedNotice['placement']): void;
  /** The page went to a shared cache with includes in place of notices: it showed nobody anything. */
  sharedPage(): void;
}
