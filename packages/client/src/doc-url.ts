/** `ws://host:8787` + `band-7/setlists` -> `ws://host:8787/v1/sync/band-7/setlists`. */
export function docUrl(base: string, docName: string): string {
  const path = docName.split('/').map(encodeURIComponent).join('/');
  return `${base.replace(/\/+$/, '')}/v1/sync/${path}`;
}

/** The URL a socket opens: asks for durable acks and the relay's limits, and carries the token, if any. */
export function withQuery(url: string, token: string | undefined): string {
  const params = new URLSearchParams({ acks: '1', info: '1' });
  if (token !== undefined) params.set('token', token);
  return `${url}${url.includes('?') ? '&' : '?'}${params.toString()}`;
}
