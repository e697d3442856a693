import { afterEach, beforeEach, describe } from 'vitest';
import type { DocumentStore } from '@marginalia/relay';
import { registerBatchCases, registerBatchFailureCases } from './document-store-cases/batch-cases.js';
import { registerCompactionCases } from './document-store-cases/compaction-cases.js';
import { registerLifecycleCases } from './document-store-cases/lifecycle-cases.js';
import { registerLogCases } from './document-store-cases/log-cases.js';
import { registerOwnerCases, registerSharedOwnerCases } from './document-store-cases/owner-cases.js';
import { registerSharedBackingCases } from './document-store-cases/shared-backing-cases.js';
import type { StoreContext } from './document-store-cases/store-context.js';

/** What a store's test gives the conformance suite, once per test. */
export interface DocumentStoreFixture {
  readonly store: DocumentStore;
  /**
   * Opens another instance on the same backing file or database (for stores that have one).
   * The suite closes every instance it opened before calling `cleanup`.
   */
  readonly reopen?: () => Promise<DocumentStore>;
  /**
   * Makes every later write of rows of `docName` fail in the backing file or database (e.g. with
   * a trigger), for the all-or-nothing cases of `appendBatch`.
   */
  readonly failWritesTo?: (docName: string) => Promise<void>;
  /** Removes the backing file or database; called after the store is closed. */
  readonly cleanup: () => Promise<void>;
}

/**
 * The contract of `DocumentStore`, as a Vitest suite every implementation runs:
 * `runDocumentStoreConformance('sqlite', async () => ({ store, reopen, cleanup }))`.
 * Cases that need two instances on one backing store run only when the fixture offers `reopen`;
 * the `appendBatch` cases only for stores that have it, its failure case only with `failWritesTo`.
 */
export function runDocumentStoreConformance(name: string, makeStore: () => Promise<DocumentStoreFixture>): void {
  describe(`DocumentStore conformance: ${name}`, async () => {
    const probe = await makeStore();
    const sharesBacking = probe.reopen !== undefined;
    const batches = probe.store.appendBatch !== undefined;
    const canFail = batches && probe.failWritesTo !== undefined;
    await probe.store.close();
    await probe.cleanup();

    let fixture: DocumentStoreFixture | undefined;
    let opened: DocumentStore[] = [];
    const context: StoreContext = {
      get store() {
        if (fixture === undefined) throw new Error('no store outside a test');
        return fixture.store;
      },
      async reopen() {
        if (fixture?.reopen === undefined) throw new Error(`${name} cannot open a second instance`);
        const instance = await fixture.reopen();
        opened.push(instance);
        return instance;
      },
      async failWritesTo(docName) {
        if (fixture?.failWritesTo === undefined) throw new Error(`${name} cannot make writes fail`);
        await fixture.failWritesTo(docName);
      },
    };

    beforeEach(async () => {
      fixture = await makeStore();
      opened = [];
    });
    afterEach(async () => {
      for (const instance of [fixture?.store, ...opened]) await instance?.close();
      await fixture?.cleanup();
      fixture = undefined;
    });

    registerLogCases(context);
    registerCompactionCases(context);
    registerLifecycleCases(context);
    registerOwnerCases(context);
    if (sharesBacking) registerSharedBackingCases(context);
    if (sharesBacking) registerSharedOwnerCases(context);
    if (batches) registerBatchCases(context);
    if (canFail) registerBatchFailureCases(context);
  });
}
