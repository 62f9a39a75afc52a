import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // scripts/first-screen-size.mjs reads it to sum the first screen's JavaScript.
    manifest: true,
    chunkSizeWarningLimit: 700,
  },
});
