import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PackedPackage } from './pack-workspace.js';

/**
 * For iterating on the smoke tests themselves: MARGINALIA_SMOKE_CONSUMER=<a consumer folder kept by
 * MARGINALIA_SMOKE_KEEP=1> reuses that install (and its tarballs) instead of packing and installing
 * again. Refused under CI, where every run packs and installs from scratch.
 */
export function reuseConsumer(): { consumer: string; packed: PackedPackage[] } | undefined {
  const consumer = process.env['MARGINALIA_SMOKE_CONSUMER'];
  if (consumer === undefined || consumer === '') return undefined;
  if (process.env['CI'] !== undefined)
    throw new Error('MARGINALIA_SMOKE_CONSUMER is for local iteration only, not under CI');
  const tarballs = join(consumer, '..', 'tarballs');
  const packed = readdirSync(tarballs).map((file) => ({
    name: `@${file.replace(/-\d+\.\d+\.\d+\.tgz$/, '').replace('-', '/')}`,
    file: join(tarballs, file),
    bytes: statSync(join(tarballs, file)).size,
  }));
  console.log(`package smoke: reusing ${consumer} (MARGINALIA_SMOKE_CONSUMER)`);
  return { consumer, packed };
}
