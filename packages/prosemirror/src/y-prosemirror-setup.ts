import { keymap } from 'prosemirror-keymap';
import type { Plugin } from 'prosemirror-state';
import { redoCommand, undoCommand, yCursorPlugin, ySyncPlugin, yUndoPlugin } from 'y-prosemirror';
import { caretColor } from './highlight-colors.js';
import {
  createMarginaliaEditor,
  type MarginaliaDocument,
  type MarginaliaEditor,
  type MarginaliaEditorOptions,
} from './marginalia-prosemirror.js';

export interface MarginaliaProseMirror extends MarginaliaEditor {
  /** y-prosemirror's sync, caret and undo plugins, an undo keymap, then the binding's own plugins. */
  readonly allPlugins: readonly Plugin[];
}

const caret = (user: { name?: unknown; color?: unknown }): HTMLElement => {
  const color = caretColor(typeof user.color === 'string' ? user.color : '#6b7280');
  const element = document.createElement('span');
  element.classList.add('ProseMirror-yjs-cursor');
  element.setAttribute('style', `border-color: ${color}`);
  const label = document.createElement('div');
  label.setAttribute('style', `background-color: ${color}`);
  label.textContent = typeof user.name === 'string' ? user.name : '';
  element.append(document.createTextNode('\u2060'), label, document.createTextNode('\u2060'));
  return element;
};

/**
 * A plain ProseMirror editor on a Marginalia document: pass `allPlugins` to `EditorState.create`. Carets
 * of the others come from the document's awareness (names and colours from their typed presence).
 */
export const createMarginaliaProseMirror = (
  document: MarginaliaDocument,
  options: MarginaliaEditorOptions = {},
): MarginaliaProseMirror => {
  const editor = createMarginaliaEditor(document, options);
  const sync = [ySyncPlugin(editor.fragment)];
  const carets = document.awareness === undefined ? [] : [yCursorPlugin(document.awareness, { cursorBuilder: caret })];
  const history = [yUndoPlugin(), keymap({ 'Mod-z': undoCommand, 'Mod-y': redoCommand, 'Mod-Shift-z': redoCommand })];
  return { ...editor, allPlugins: [...sync, ...carets, ...history, ...editor.plugins] };
};
