/** One Vite/Vitest alias: an exact package specifier and the source file it stands for. */
export interface SourceAlias {
  readonly find: RegExp;
  readonly replacement: string;
}

/** A public package entry point (`@marginalia/x`, `@marginalia/x/sub`) and its source file. */
export interface SourceEntry {
  readonly specifier: string;
  readonly source: string;
}

/** Every public workspace package's entry points and their sources. */
export declare const workspaceSourceEntries: readonly SourceEntry[];

/** The same as Vite/Vitest aliases: exact specifiers only. */
export declare const workspaceSourceAliases: readonly SourceAlias[];

/** Resolve options for a Vitest project or Vite config: our packages from src/, the rest as usual. */
export declare const workspaceSourceResolve: { alias: SourceAlias[] };
