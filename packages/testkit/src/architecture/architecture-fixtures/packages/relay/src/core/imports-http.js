import { route } from '../http/route.js';
export const r = route;
