import { defineConfig } from "vite";

// No React plugin: Vite's own transform compiles TSX with the automatic JSX runtime; fast refresh is not needed
// for a build served by `npm start`. `npm run dev -w @overture/editor` proxies the API to a running server.
export default defineConfig({
  base: "/",
  oxc: { jsx: { runtime: "automatic", importSource: "react" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    reportCompressedSize: false,
    rolldownOptions: {
      // xyflow marks its bundle "use client" for React Server Components, which a browser-only app does not use.
      onwarn(warning, warn) {
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
      },
    },
  },
  server: { proxy: { "/v1": "http://localhost:3000", "/editor-config": "http://localhost:3000" } },
});
