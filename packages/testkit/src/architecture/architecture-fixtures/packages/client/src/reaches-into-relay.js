import { room } from '../../relay/src/core/room.js';
export const reached = room;
