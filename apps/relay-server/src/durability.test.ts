import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncStep1, encodeSyncUpdate } from '@marginalia/protocol';
import {
  connectRawClient,
  connectStockClient,
  createTempDir,
  removeTempDir,
  startRelayProcess,
  type RelayProcess,
  type StockClient,
} from '@marginalia/testkit';

// Restarts and crashes of the real relay process; a fresh client with empty state checks.
describe('durability of the relay process', () => {
  const running: RelayProcess[] = [];
  const clients: StockClient[] = [];
  const dirs: string[] = [];
  const start = async (dataDir: string): Promise<RelayProcess> => {
    const relay = await startRelayProcess({ dataDir });
    running.push(relay);
    return relay;
  };
  const fresh = async (relay: RelayProcess, docName: string): Promise<StockClient> => {
    const client = connectStockClient(relay.syncUrl, docName);
    clients.push(client);
    await client.synced();
    return client;
  };

  afterEach(async () => {
    clients.splice(0).forEach((client) => client.destroy());
    await Promise.all(running.splice(0).flatMap((relay) => (relay.running() ? [relay.kill()] : [])));
    dirs.splice(0).forEach(removeTempDir);
  });

  it('keeps every document across a graceful restart (SIGTERM), closing sockets with 1001', async () => {
    const dataDir = createTempDir('marginalia-restart-');
    dirs.push(dataDir);
    const relay = await start(dataDir);
    const names = ['a/one', 'a/two', 'b.three'];
    for (const name of names) {
      const writer = await fresh(relay, name);
      const watcher = await fresh(relay, name);
      writer.doc.getMap('m').set('name', name);
      writer.doc.getText('t').insert(0, `text of ${name}`);
      await watcher.until(() => watcher.doc.getText('t').length > 0 && watcher.doc.getMap('m').has('name'));
    }
    const observer = await connectRawClient(relay.syncUrl, 'a/one');
    expect(await relay.stop('SIGTERM')).toBe(0);
    expect((await observer.closed).code).toBe(1001);
    clients.splice(0).forEach((client) => client.destroy());

    const again = await start(dataDir);
    for (const name of names) {
      const reader = await fresh(again, name);
      expect(reader.doc.getMap('m').get('name')).toBe(name);
      expect(reader.doc.getText('t').toString()).toBe(`text of ${name}`);
    }
  }, 60_000);

  it('keeps every acknowledged update when SIGKILLed right after the durable-ack', async () => {
    const dataDir = createTempDir('marginalia-crash-');
    dirs.push(dataDir);
    const relay = await start(dataDir);
    const raw = await connectRawClient(relay.syncUrl, 'crash/doc', { acks: true });
    raw.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    const local = new Y.Doc();
    local.on('update', (update: Uint8Array) => raw.send(encodeSyncUpdate(update)));
    const total = 120;
    for (let i = 0; i < total; i++) {
      local.getMap('m').set(`k${i}`, i);
      if (i % 10 === 0) local.getText('t').insert(local.getText('t').length, `${i};`);
    }
    await raw.acked(total, 20_000);
    await relay.kill();

    const again = await start(dataDir);
    const reader = await fresh(again, 'crash/doc');
    expect(reader.doc.getMap('m').size).toBe(total);
    expect(reader.doc.getText('t').toString()).toBe(local.getText('t').toString());
    expect(Y.encodeStateVector(reader.doc)).toEqual(Y.encodeStateVector(local));
  }, 60_000);

  it('keeps what was acknowledged when SIGKILLed in the middle of writes', async () => {
    const dataDir = createTempDir('marginalia-crash-mid-');
    dirs.push(dataDir);
    const relay = await start(dataDir);
    const raw = await connectRawClient(relay.syncUrl, 'crash/mid', { acks: true });
    const local = new Y.Doc();
    local.on('update', (update: Uint8Array) => raw.send(encodeSyncUpdate(update)));
    let written = 0;
    const write = (count: number): void => {
      for (let i = 0; i < count; i++, written++) local.getMap('m').set(`k${written}`, written);
    };
    write(200);
    await raw.acked(50, 20_000);
    write(200);
    const acked = raw.ackedCount();
    await relay.kill();

    const again = await start(dataDir);
    const reader = await fresh(again, 'crash/mid');
    const stored = reader.doc.getMap('m');
    for (let i = 0; i < acked; i++) expect(stored.get(`k${i}`)).toBe(i);
    expect(stored.size).toBeGreaterThanOrEqual(acked);
  }, 60_000);
});
