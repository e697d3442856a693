interface SwatchesProps {
    readonly colors: readonly string[];
    readonly label: string;
    /** The colour shown as chosen (aria-pressed), if any. */
    readonly current?: string;
    readonly verb: string;
    readonly onPick: (color: string) => void;
}
/** A row of colour buttons; mouse-down does not steal the text selection. */
export declare function Swatches({ colors, label, current, verb, onPick }: SwatchesProps): import("react").JSX.Element;
export {};
