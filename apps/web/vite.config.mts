import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiUrl = process.env.SCHAKEL_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;

// `vite` (dev, hot reload) proxies the API like the production server does; `vite build`
// writes apps/web/dist, which `npm start` serves. Routes are split so the first page stays small.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 800 },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.WEB_PORT ?? 4200),
    proxy: {
      '/graphql': { target: apiUrl, ws: true },
      '/auth': { target: apiUrl },
      '/health': { target: apiUrl },
    },
  },
});
