// `vite preview` happily serves 404s when dist/ is missing; fail fast instead.
import { existsSync } from 'node:fs';
if (!existsSync('dist/index.html')) {
  console.error('dist/index.html is missing: run `npm run build` first.');
  process.exit(1);
}
