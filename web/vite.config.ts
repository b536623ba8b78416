/// <reference types="vitest/config" />
// Built into the Python package, which serves it at "/" (GraphQL stays at /graphql).
import { defineConfig } from "vite";

export default defineConfig({
  base: "/",
  build: {
    outDir: "../src/graphcmdb/web/static",
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: true,
    chunkSizeWarningLimit: 700,
  },
  server: {
    // `npm run dev` against a running `graphcmdb serve`
    proxy: { "/graphql": "http://127.0.0.1:8000" },
  },
  test: {
    // tests/record refreshes the recorded API answers: a tool, run only when RECORD_FROM
    // names a server (npm run record-fixtures), never part of the test run
    include: process.env["RECORD_FROM"] ? ["tests/record/**/*.test.ts"] : ["tests/unit/**/*.test.ts"],
    environment: "node",
  },
});
