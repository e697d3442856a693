interface SwatchesProps {
  readonly colors: readonly string[];
  readonly label: string;
  /** The colour shown as chosen (aria-pressed), if any. */
  readonly current?: string;
  readonly verb: string;
  readonly onPick: (color: string) => void;
}

/** A row of colour buttons; mouse-down does not steal the text selection. */
export function Swatches({ colors, label, current, verb, onPick }: SwatchesProps) {
  return (
    <div className="swatches" role="group" aria-label={label}>
      {colors.map((color, i) => (
        <button
          key={color}
          type="button"
          className={`swatch ${color}`}
          aria-label={`${verb} ${color}`}
          aria-pressed={current === undefined ? undefined : current === color}
          title={`${verb} ${color} (${i + 1})`}
          data-color={color}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onPick(color)}
        />
      ))}
    </div>
  );
}
