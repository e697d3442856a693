import type { MarginaliaClient } from '../client-setup.js';
/** Client errors the reader cannot fix by itself (refused tokens, storage trouble), shown as alerts. */
export declare function ErrorBanner({ client }: {
    client: MarginaliaClient;
}): import("react").JSX.Element | null;
