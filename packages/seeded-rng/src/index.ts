export { createRng, fuzzSeeds, type Rng } from './seeded-rng.js';
