// node validate.mjs FILE.sarif... — exit 0 when every file is a valid SARIF 2.1.0 log.
// The schema is the OASIS one that Microsoft ships in @microsoft/jest-sarif (sarif-2.1.0-rtm.5).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const schemaPath = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
delete schema.$schema; // draft-07, which ajv speaks by default
if (schema.id) { // written draft-04 style
  schema.$id = schema.id;
  delete schema.id;
}
// the schema's language pattern is not valid with the u flag, so regular expressions run without it
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

let failed = 0;
for (const file of process.argv.slice(2)) {
  const log = JSON.parse(readFileSync(file, "utf8"));
  if (validate(log)) {
    console.log(`${file}: valid SARIF ${log.version}, ${log.runs.reduce((n, r) => n + r.results.length, 0)} results`);
  } else {
    failed++;
    for (const e of validate.errors) {
      console.log(`${file}: ${e.instancePath || "/"} ${e.message}`);
    }
  }
}
process.exit(failed ? 1 : 0);
