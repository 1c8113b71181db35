// Helpers of the port-forward suites: one HTTP GET through a local forward (to 127.x.y.z
// only) and the fields of the fixture agent's answer ("pod: <name>\nnamespace: …").
import http from 'node:http';

/** GET / on host:port with a fresh connection; rejects on no answer within timeoutMs. */
export function httpGet(host: string, port: number, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host, port, path: '/', agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve(body));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${host}:${port}`)));
    req.on('error', reject);
  });
}

/** A field of the agent's text answer ("pod", "namespace", "port", "portName"). */
export const field = (body: string, name: string): string | undefined =>
  new RegExp(`^${name}: (.*)$`, 'm').exec(body)?.[1];
