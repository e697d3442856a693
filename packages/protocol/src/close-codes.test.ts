import { describe, expect, it } from 'vitest';
import { CloseCode, closeAction } from './close-codes.js';

describe('closeAction', () => {
  it.each([
    [CloseCode.Normal, 'retry'],
    [CloseCode.GoingAway, 'retry'],
    [1006, 'retry'],
    [CloseCode.Internal, 'retry'],
    [CloseCode.BadRequest, 'stop'],
    [CloseCode.Unauthenticated, 'refresh-token'],
    [CloseCode.Forbidden, 'stop'],
    [CloseCode.NotFound, 'stop'],
    [CloseCode.TooLarge, 'stop'],
    [CloseCode.RateLimited, 'retry'],
    [4499, 'stop'],
    [4500, 'retry'],
  ])('%i -> %s', (code, action) => {
    expect(closeAction(code)).toBe(action);
  });
});
