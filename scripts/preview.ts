/**
 * npm run preview -- [--out DIR] [--port 4321] [--base /sub/path/]
 * Serves the built site on 127.0.0.1 (a plain static server: what any web server would do).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { parseArgs } from './lib/args.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.csv': 'text/csv; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.txt': 'text/plain; charset=utf-8', '.xml': 'application/xml', '.ico': 'image/x-icon',
};

const { values, error } = parseArgs(process.argv.slice(2), { out: 'string', port: 'string', base: 'string' });
if (error) { console.error(error); process.exit(2); }
const root = resolve(String(values.out ?? 'dist'));
const port = Number(values.port ?? 4321);
const base = String(values.base ?? '/').replace(/\/?$/, '/');
if (!existsSync(root)) { console.error(`找不到 ${root}：请先运行 npm run build。 Build the site first.`); process.exit(2); }

createServer((req, res) => {
  let path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
  if (!path.startsWith(base)) { res.writeHead(404).end('Not found'); return; }
  path = normalize(path.slice(base.length - 1));
  let file = join(root, path);
  if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) { res.writeHead(404, { 'content-type': TYPES['.html']! }); createReadStream(join(root, '404.html')).on('error', () => res.end()).pipe(res); return; }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}).listen(port, '127.0.0.1', () => console.log(`http://127.0.0.1:${port}${base}  (${root})`));
