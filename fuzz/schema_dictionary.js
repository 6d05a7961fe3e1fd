// Prints a libFuzzer dictionary of the scenario format's words: every key the
// schema names (properties, and the names in "required") and every string
// value it allows (enum, const), each quoted as it appears in a scenario.
// Usage: node fuzz/schema_dictionary.js scenarios/schema.json > scenario.dict
const fs = require("fs");
const schema = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const words = new Set();
(function walk(node) {
  if (Array.isArray(node)) return node.forEach(walk);
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "properties" && value && typeof value === "object")
      Object.keys(value).forEach((k) => words.add(k));
    if (key === "required" && Array.isArray(value)) value.forEach((k) => words.add(k));
    if (key === "enum" && Array.isArray(value))
      value.filter((v) => typeof v === "string").forEach((v) => words.add(v));
    if (key === "const" && typeof value === "string") words.add(value);
    walk(value);
  }
})(schema);
const escape = (s) => s.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
for (const w of [...words].sort()) console.log(`"${escape(JSON.stringify(w))}"`);
// Punctuation and values that the format's numbers and dates take.
for (const extra of ['": "', '": {', '": [', "1e308", "-1", "0", "0.5", "2024-02-29", "//", "/*"])
  console.log(`"${escape(extra)}"`);
