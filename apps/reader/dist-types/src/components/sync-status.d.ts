export type ConnectionStatus = 'offline' | 'connecting' | 'connected' | 'synced';
interface SyncStatusProps {
    readonly status: ConnectionStatus;
    readonly unsyncedChanges: number;
}
declare const LABEL: {
    readonly live: "Live";
    readonly connecting: "Connecting";
    readonly offline: "Offline";
};
/**
 * Live once the relay has confirmed everything on this connection (`synced`); a socket that is open
 * but has not got there yet is still Connecting. After that, `connected` only means local edits
 * await their ack: still Live, with the count of changes not yet saved beside it.
 */
export declare function statusLabel(status: ConnectionStatus, wasSynced: boolean): keyof typeof LABEL;
/** The sync indicator: Live / Connecting / Offline and how many changes the relay has not stored yet. */
export declare function SyncStatus({ status, unsyncedChanges }: SyncStatusProps): import("react").JSX.Element;
interface OfflineSwitchProps {
    readonly offline: boolean;
    readonly onChange: (offline: boolean) => void;
}
/** Lets the user work offline on purpose (disconnects the client; edits stay local until back). */
export declare function OfflineSwitch({ offline, onChange }: OfflineSwitchProps): import("react").JSX.Element;
export {};
