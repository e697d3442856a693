import { describe, expect, it } from 'vitest';
import { createProgramLogger } from './program-logger.js';

function capture(level: Parameters<typeof createProgramLogger>[0]) {
  const lines: string[] = [];
  const logger = createProgramLogger(level, { write: (line: string) => void lines.push(line) });
  return { logger, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('the program logger (pino)', () => {
  it('writes one JSON object per line with level names and ISO time, and drops levels below the threshold', () => {
    const { logger, lines, parsed } = capture('info');
    logger.debug('hidden');
    logger.info({ port: 1 }, 'listening');
    logger.child({ doc: 'a' }).warn('from a child');
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => line.endsWith('\n'))).toBe(true);
    const [listening, child] = parsed();
    expect(listening).toMatchObject({ level: 'info', msg: 'listening', port: 1, pid: process.pid });
    expect(new Date(listening?.time as string).toISOString()).toBe(listening?.time);
    expect(child).toMatchObject({ level: 'warn', msg: 'from a child', doc: 'a' });
  });

  it('redacts tokens in URLs (any string field, at any depth) and credentials in headers', () => {
    const secret = 'eyJhbGciOi.s3cretpayload.s1gnature';
    const { logger, lines, parsed } = capture('debug');
    logger.info(
      {
        path: `/v1/sync/a?token=${secret}`,
        url: `ws://relay/v1/sync/a?x=1&access_token=${secret}`,
        error: `fetch failed for https://relay/v1/docs/a?auth=${secret}`,
        headers: { authorization: `Bearer ${secret}`, cookie: `session=${secret}`, 'user-agent': 'test' },
        req: { headers: { authorization: `Bearer ${secret}` }, url: `/v1/docs/a?%74oken=${secret}` },
        token: secret,
      },
      'request',
    );
    expect(lines.join('')).not.toContain('s3cretpayload');
    expect(parsed()[0]).toMatchObject({
      path: '/v1/sync/a?token=[redacted]',
      url: 'ws://relay/v1/sync/a?x=1&access_token=[redacted]',
      error: 'fetch failed for https://relay/v1/docs/a?auth=[redacted]',
      headers: { authorization: '[redacted]', cookie: '[redacted]', 'user-agent': 'test' },
      req: { headers: { authorization: '[redacted]' }, url: '/v1/docs/a?%74oken=[redacted]' },
      token: '[redacted]',
    });
  });
});
