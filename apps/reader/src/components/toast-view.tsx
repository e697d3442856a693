import type { Toast } from '../lib/use-toasts.js';

interface ToastViewProps {
  readonly toast: Toast | null;
  readonly onOpen: (highlightId: string) => void;
  readonly onDismiss: () => void;
}

/** The toast: fixed under the header (also on a phone), one line per author, hides itself; click to jump there. */
export function ToastView({ toast, onOpen, onDismiss }: ToastViewProps) {
  return (
    <div className="toast-region" aria-live="polite" data-testid="notifications">
      {toast !== null && (
        <div className="toast" role="status" data-testid="toast">
          <button
            type="button"
            className="toast-body"
            disabled={toast.highlightId === undefined}
            onClick={() => {
              if (toast.highlightId !== undefined) onOpen(toast.highlightId);
              onDismiss();
            }}
          >
            {toast.lines.map((line) => (
              <span key={line} className="toast-line">
                {line}
              </span>
            ))}
          </button>
          <button type="button" className="button" aria-label="Dismiss notification" onClick={onDismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
