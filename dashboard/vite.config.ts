import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Served by the gateway at /dashboard/ (gateway/src/dashboard.ts); everything it loads is in dist/.
export default defineConfig({
  base: "/dashboard/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2020",
    // ECharts is most of the bundle: a chunk of its own stays cached across releases of the app.
    rollupOptions: { output: { manualChunks: { echarts: ["echarts/core", "echarts/charts", "echarts/components", "echarts/renderers"] } } },
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `npm run dev -w dashboard` against a running gateway (npm start).
    proxy: { "/graphql": "http://localhost:4000", "/reports": "http://localhost:4000" },
  },
});
