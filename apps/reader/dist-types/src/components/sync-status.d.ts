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
/** Live only once the relay has answered the sync; "connected" alone is still Connecting. */
export declare function statusLabel(status: ConnectionStatus): keyof typeof LABEL;
/** The sync indicator: Live / Connecting / Offline and how many changes the relay has not stored yet. */
export declare function SyncStatus({ status, unsyncedChanges }: SyncStatusProps): import("react").JSX.Element;
interface OfflineSwitchProps {
    readonly offline: boolean;
    readonly onChange: (offline: boolean) => void;
}
/** Lets the user work offline on purpose (disconnects the client; edits stay local until back). */
export declare function OfflineSwitch({ offline, onChange }: OfflineSwitchProps): import("react").JSX.Element;
export {};
