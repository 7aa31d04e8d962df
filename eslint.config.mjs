import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".next/**", ".next-e2e/**", ".build/**", ".open-next/**", ".local/**", "node_modules/**", "infra/cdk.out/**", "bench/out/**", ".scratch/**", "next-env.d.ts", "playwright-report/**", "test-results/**"] },
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["warn", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // The worker and the CLI are plain Node: no Next imports allowed there.
    files: ["worker/**/*.ts", "core/**/*.ts", "db/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["next", "next/*", "next-auth", "next-auth/*", "react", "react-dom"], message: "The worker and shared core never import Next or React." }] }],
    },
  },
);
