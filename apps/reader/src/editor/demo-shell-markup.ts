// The page both editor demos share (editor.html, code.html): toolbar, editor column, margin and note panel.
// Constant markup only; what users write is set as text by the shell.
const RECOLOR_BUTTON = '<button type="button" id="note-recolor">Recolour</button>';

const markup = (recolor: boolean): string => `
  <header class="editor-toolbar" aria-label="Toolbar">
    <strong>Marginalia</strong>
    <span id="doc-name"></span>
    <span role="group" aria-label="Highlight the selection" id="colors"></span>
    <label><input type="checkbox" role="switch" id="offline" /> Work offline</label>
    <span id="status" aria-live="polite"></span>
    <span id="people" aria-label="Who is here"></span>
  </header>
  <div class="editor-columns">
    <article class="editor-page"><div id="editor"></div></article>
    <aside class="editor-margin" aria-label="Margin">
      <h2>Highlights</h2>
      <ol id="margin"></ol>
      <section id="note" hidden aria-label="Note">
        <h3 id="note-title"></h3>
        <textarea id="note-body" rows="6" aria-label="Note text"></textarea>
        ${recolor ? RECOLOR_BUTTON : ''}
        <button type="button" id="note-delete">Delete highlight</button>
      </section>
    </aside>
  </div>`;

/** Draws the demo page at the start of `body`; `editorLabel` names the editor's element for assistive technology. */
export function renderDemoShell(body: HTMLElement, options: { editorLabel: string; recolor: boolean }): void {
  const main = document.createElement('main');
  main.className = 'editor-app';
  main.innerHTML = markup(options.recolor);
  main.querySelector('#editor')?.setAttribute('aria-label', options.editorLabel);
  body.prepend(main);
}
