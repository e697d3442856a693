/**
 * The relay as `pnpm start` runs it: `node apps/relay-server/bin/marginalia-relay.js serve` from the
 * repository root, SQLite, serving apps/reader/dist; with a temporary DATA_DIR and a free PORT.
 */
export interface ReaderRelay {
    readonly port: number;
    /** `http://127.0.0.1:<port>/` */
    readonly url: string;
    readonly dataDir: string;
    /** SIGTERM, resolves when the process has exited. */
    stop(): Promise<void>;
    /** Starts the relay again on the same port and data directory. */
    restart(): Promise<void>;
    /** Stops the relay and removes its data directory. */
    close(): Promise<void>;
}
/** Starts the relay on a free port with a fresh data directory. */
export declare function startReaderRelay(): Promise<ReaderRelay>;
