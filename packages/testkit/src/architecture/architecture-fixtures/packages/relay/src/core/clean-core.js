import { room } from './room.js';
import { applyUpdate } from 'yjs';
export const clean = [room, applyUpdate];
