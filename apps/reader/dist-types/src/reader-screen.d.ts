import type { MarginaliaClient } from './client-setup.js';
import type { UserProfile } from './lib/user-profile.js';
interface ReaderScreenProps {
    readonly client: MarginaliaClient;
    readonly docName: string;
    readonly profile: UserProfile;
    readonly offline: boolean;
    readonly onOffline: (offline: boolean) => void;
    readonly onOpenDoc: (name: string) => void;
    readonly onEditProfile: () => void;
}
/** One open document: the book with everyone's highlights, notes, presence and sync state. */
export declare function ReaderScreen(props: ReaderScreenProps): import("react").JSX.Element;
export {};
