interface DocSwitcherProps {
    readonly current: string;
    readonly onOpen: (name: string) => void;
}
/** Opens another document (scope) by name; the link to it is `#doc=<name>`. */
export declare function DocSwitcher({ current, onOpen }: DocSwitcherProps): import("react").JSX.Element;
export {};
