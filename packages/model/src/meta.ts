import { ModelError } from './model-error.js';
import type { DocRoots } from './doc-layout.js';
import type { ModelContext } from './model-context.js';

/** The schema version a doc has before any migration ran. */
export const BASE_SCHEMA_VERSION = 1;

const KEY_PREFIX = 'migration.';

export interface MigrationContext {
  readonly roots: DocRoots;
  readonly userId: string;
  readonly now: () => number;
}

/**
 * A step to schema `version`. `migrate` runs inside one transaction and must express its effects as keyed writes
 * (Y.Map.set with values computed from the doc), so that two replicas that run it concurrently converge to the
 * same result instead of duplicating it.
 */
export interface Migration {
  readonly version: number;
  readonly name?: string;
  readonly migrate: (ctx: MigrationContext) => void;
}

/** What the doc records for each applied migration, under `meta["migration.<version>"]`. */
export interface MigrationRecord {
  readonly version: number;
  readonly name: string;
  readonly by: string;
  readonly at: number;
}

export interface Meta {
  /** The highest applied migration version (or BASE_SCHEMA_VERSION). Keys are never removed, so it only grows. */
  schemaVersion(): number;
  applied(): MigrationRecord[];
  /** Runs, in order, every migration newer than the doc's schema version. Returns the versions it ran. */
  migrate(migrations: readonly Migration[]): number[];
}

const checkMigrations = (migrations: readonly Migration[]): Migration[] => {
  const seen = new Set<number>();
  for (const m of migrations) {
    if (
      !Number.isInteger(m.version) ||
      m.version <= BASE_SCHEMA_VERSION ||
      seen.has(m.version) ||
      typeof m.migrate !== 'function'
    ) {
      throw new ModelError(
        'invalid_migration',
        `migration versions must be distinct integers above ${BASE_SCHEMA_VERSION}`,
        { version: m.version },
      );
    }
    seen.add(m.version);
  }
  return [...migrations].sort((a, b) => a.version - b.version);
};

export const createMeta = (ctx: ModelContext): Meta => {
  const { meta } = ctx.roots;
  const applied = (): MigrationRecord[] =>
    [...meta.entries()]
      .filter(([key]) => key.startsWith(KEY_PREFIX))
      .map(([, record]) => record as MigrationRecord)
      .sort((a, b) => a.version - b.version);
  const schemaVersion = (): number => Math.max(BASE_SCHEMA_VERSION, ...applied().map((r) => r.version));
  return {
    schemaVersion,
    applied,
    migrate: (migrations) => {
      const ran: number[] = [];
      for (const m of checkMigrations(migrations)) {
        if (m.version <= schemaVersion()) continue;
        ctx.transact(() => {
          m.migrate({ roots: ctx.roots, userId: ctx.user.id, now: ctx.now });
          const record: MigrationRecord = {
            version: m.version,
            name: m.name ?? `v${m.version}`,
            by: ctx.user.id,
            at: ctx.now(),
          };
          meta.set(`${KEY_PREFIX}${m.version}`, record);
        });
        ran.push(m.version);
      }
      return ran;
    },
  };
};
