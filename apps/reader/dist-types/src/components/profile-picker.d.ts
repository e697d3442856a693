import { type UserProfile } from '../lib/user-profile.js';
interface ProfilePickerProps {
    readonly initial?: UserProfile | null;
    readonly onSave: (profile: UserProfile) => void;
    readonly onCancel?: () => void;
}
/** First-visit dialog: a name and a colour, kept in localStorage by the caller. */
export declare function ProfilePicker({ initial, onSave, onCancel }: ProfilePickerProps): import("react").JSX.Element;
export {};
