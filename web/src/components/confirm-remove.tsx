// A row's Remove button that asks first: "Remove …?" with Remove and Cancel in place of the
// button, and room for an option between them (e.g. also removing a target's split parts).
import type { ReactNode } from 'react';

export interface ConfirmRemoveWords {
  /** The question, e.g. "Remove the target Revenue, Company, Mar 2026?" */
  question: string;
  /** The button's accessible name, naming the row. */
  label: string;
  remove: string;
  confirm: string;
  cancel: string;
}

export function ConfirmRemove(p: { asking: boolean; busy: boolean; words: ConfirmRemoveWords; onAsk(): void; onConfirm(): void; onCancel(): void; children?: ReactNode }) {
  if (!p.asking) {
    return (
      <button type="button" aria-label={p.words.label} onClick={p.onAsk}>
        {p.words.remove}
      </button>
    );
  }
  return (
    <span className="settings-confirm" role="group" aria-label={p.words.question}>
      <span>{p.words.question}</span>
      {p.children}
      <button type="button" className="danger" disabled={p.busy} onClick={p.onConfirm}>
        {p.words.confirm}
      </button>
      <button type="button" onClick={p.onCancel}>
        {p.words.cancel}
      </button>
    </span>
  );
}
