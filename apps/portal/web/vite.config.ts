/**
 * The portal's single-page app: built into dist/portal/web, which apps/portal serves. `npx vite --config
 * apps/portal/web/vite.config.ts` runs it with hot reload; /api and /docs then go to a running portal (8080).
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  plugins: [react()],
  // @contracts: only its import-free rule files (naming, sweep-metrics), never its index
  resolve: { alias: { '@sdk': here('../../../libs/client/src'), '@contracts': here('../../../libs/contracts/src') } },
  build: { outDir: here('../../../dist/portal/web'), emptyOutDir: true, sourcemap: true, reportCompressedSize: true },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/docs': 'http://127.0.0.1:8080', '/health': 'http://127.0.0.1:8080' },
  },
});
