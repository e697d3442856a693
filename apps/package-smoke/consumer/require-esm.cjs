// A CommonJS consumer: on Node >= 20.19 (and 22.12) require() loads our ES modules. Yjs ships a
// CommonJS and an ES build: take Yjs with import() so that the app and our packages share the ES
// build (require('yjs') would load a second copy, which breaks Yjs's constructor checks).
const { createModel } = require('@marginalia/model');
const { createRelay, createMemoryStore } = require('@marginalia/relay');

(async () => {
  const Y = await import('yjs');
  const model = createModel(new Y.Doc(), { user: { id: 'cjs', name: 'CJS' } });
  const highlight = model.highlights.create({ anchor: { kind: 'ref', ref: 'ps-23-1' }, color: 'yellow' });
  const relay = createRelay({ store: createMemoryStore() });
  console.log(
    JSON.stringify({
      highlights: model.highlights.list().length,
      sameId: model.highlights.get(highlight.id)?.id === highlight.id,
      relay: typeof relay.app.fetch,
    }),
  );
  await relay.close();
})();
