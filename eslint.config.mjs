// Lint rules for edgeworks: the recommended sets, with type-aware checks left to `tsc`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "build/**", "widgets/lib/**", "widgets/labextension/**", "node_modules/**", ".venv/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: "readonly", process: "readonly", Buffer: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setImmediate: "readonly", URL: "readonly", globalThis: "readonly", fetch: "readonly", setInterval: "readonly", clearInterval: "readonly", AbortController: "readonly", AbortSignal: "readonly", TextDecoder: "readonly", TextEncoder: "readonly", performance: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    // The notebooks' .ts files (jupytext pairs of notebooks/*.ipynb): a cell's last expression is
    // its displayed result, so a bare expression is the point there, not a mistake.
    files: ["notebooks/**/*.ts"],
    rules: { "@typescript-eslint/no-unused-expressions": "off" },
  },
  {
    // Code evaluated inside the browser page by playwright.
    files: ["test/browser/**"],
    languageOptions: { globals: { window: "readonly", document: "readonly" } },
  },
);
