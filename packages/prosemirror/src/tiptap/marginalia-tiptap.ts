import type { AnyExtension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { caretColor } from '../highlight-colors.js';
import {
  createMarginaliaEditor,
  type MarginaliaDocument,
  type MarginaliaEditor,
  type MarginaliaEditorOptions,
} from '../marginalia-prosemirror.js';
import { createHighlightMarkExtension } from './marginalia-highlight-mark.js';

export interface MarginaliaTiptap extends MarginaliaEditor {
  /** Tiptap's Collaboration (on this document's fragment, with its undo), CollaborationCaret when there is presence, and the highlight mark. */
  readonly extensions: AnyExtension[];
}

const caret = (user: Record<string, unknown>): HTMLElement => {
  const color = caretColor(typeof user.color === 'string' ? user.color : '#6b7280');
  const element = document.createElement('span');
  element.classList.add('collaboration-carets__caret');
  element.setAttribute('style', `border-color: ${color}`);
  const label = document.createElement('div');
  label.classList.add('collaboration-carets__label');
  label.setAttribute('style', `background-color: ${color}`);
  label.textContent = typeof user.name === 'string' ? user.name : '';
  element.append(label);
  return element;
};

/**
 * Tiptap 3 on a Marginalia document: `new Editor({ extensions: [StarterKit.configure({ undoRedo: false }), ...marginalia.extensions] })`.
 * Carets carry the typed presence user (id, name, colour), so `presence.others()` keeps every peer.
 */
export const createMarginaliaTiptap = (
  document: MarginaliaDocument,
  options: MarginaliaEditorOptions = {},
): MarginaliaTiptap => {
  const editor = createMarginaliaEditor(document, options);
  const extensions: AnyExtension[] = [Collaboration.configure({ fragment: editor.fragment })];
  const { presence, awareness } = document;
  if (presence !== undefined && awareness !== undefined) {
    extensions.push(
      CollaborationCaret.configure({ provider: { awareness }, user: { ...presence.local.user }, render: caret }),
    );
  }
  extensions.push(createHighlightMarkExtension(editor.plugins));
  return { ...editor, extensions };
};
