/** Vitest global setup of the `reader` project: builds apps/reader/dist as `pnpm start` does. */
export default function buildReader(): void;
