import * as Y from 'yjs';
import { createModel } from '@marginalia/model';

type SharedType = Y.Doc['share'] extends Map<string, infer T> ? T : never;

/** The relay's own identity when it reads a document through the model (it never writes). */
const RELAY_USER = { id: 'marginalia-relay' };

/**
 * The document's highlights and notes as the model reads them, computed on a scratch copy so
 * the live document is never touched.
 */
export function docToJson(live: Y.Doc): { highlights: unknown[]; notes: unknown[] } {
  return onCopy(live, (doc) => {
    const model = createModel(doc, { user: RELAY_USER });
    try {
      return { highlights: model.highlights.list(), notes: model.notes.list() };
    } finally {
      model.close();
    }
  });
}

/**
 * A JSON view of every top-level type of a document, computed on a scratch copy (the live doc's
 * shared types are never converted). Maps become objects; sequences of text become strings;
 * XML fragments their XML string; other sequences arrays.
 */
export function sharedTypesToJson(live: Y.Doc): Record<string, unknown> {
  return onCopy(live, (doc) => {
    const out: Record<string, unknown> = {};
    for (const [name, type] of [...doc.share]) out[name] = typeToJson(doc, name, type);
    return out;
  });
}

function onCopy<T>(live: Y.Doc, read: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(live));
    return read(doc);
  } finally {
    doc.destroy();
  }
}

function typeToJson(doc: Y.Doc, name: string, type: SharedType): unknown {
  if (type._map.size > 0) return doc.getMap(name).toJSON();
  const first = firstContent(type);
  if (first instanceof Y.ContentString || first instanceof Y.ContentFormat || first instanceof Y.ContentEmbed) {
    return doc.getText(name).toJSON();
  }
  if (first instanceof Y.ContentType && first.type instanceof Y.XmlElement) return doc.getXmlFragment(name).toJSON();
  if (first === undefined) return null;
  return doc.getArray(name).toJSON();
}

function firstContent(type: SharedType): Y.Item['content'] | undefined {
  for (let item = type._start; item !== null; item = item.right) {
    if (!item.deleted) return item.content;
  }
  return undefined;
}
