import { useEffect } from 'react';
import { peekDocument, retainDocument, type DocumentOpener } from './document-cache.js';

/**
 * The open document `docName` on `client`, shared by every component that asks for it and closed
 * shortly after the last one unmounts. StrictMode-safe: mounting twice opens one connection.
 */
export function useDocument<H extends { close(): void }>(client: DocumentOpener<H>, docName: string): H {
  const handle = peekDocument(client, docName);
  useEffect(() => retainDocument(client, docName), [client, docName]);
  return handle;
}
