// What the editor says, for tests/test_schema_agreement.py: the schemas' patterns read as
// ECMAScript regular expressions (as yaml-language-server compiles them, with the 'u' flag),
// and YAML documents validated by yaml-language-server itself (VS Code's YAML extension).
//
// stdin:  {"patterns": [[pattern, [text, ...]], ...], "documents": [{"schema": path, "text": yaml}, ...]}
// stdout: {"patterns": [[true|false, ...], ...], "documents": [[diagnostic, ...], ...]}
// "documents" needs the npm package yaml-language-server (package.json); "patterns" needs nothing.
'use strict';
const fs = require('fs');

async function validateAll(documents) {
  if (!documents.length) return [];
  const { getLanguageService } = require('yaml-language-server/lib/umd/languageservice/yamlLanguageService');
  const { TextDocument } = require('vscode-languageserver-textdocument');
  const { URI } = require('vscode-uri');
  const ls = getLanguageService({
    schemaRequestService: async (uri) => fs.readFileSync(URI.parse(uri).fsPath, 'utf8'),
    workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).toString() },
    yamlSettings: {},
    clientCapabilities: {},
  });
  const out = [];
  const bySchema = new Map();
  documents.forEach((d, i) => { if (!bySchema.has(d.schema)) bySchema.set(d.schema, []); bySchema.get(d.schema).push(i); });
  for (const [schema, indices] of bySchema) {
    // one association per schema: every document of this batch is named doc-<n>.yaml
    ls.configure({ validate: true, yamlVersion: '1.2', schemas: [{ uri: URI.file(schema).toString(), fileMatch: ['*.yaml'] }] });
    for (const i of indices) {
      const doc = TextDocument.create(`file:///plancc-editor-check/doc-${i}.yaml`, 'yaml', 1, documents[i].text);
      const diagnostics = await ls.doValidation(doc, false);
      out[i] = diagnostics.map((d) => ({ line: d.range.start.line + 1, message: d.message, source: d.source || '' }));
    }
  }
  return out;
}

async function main() {
  const job = JSON.parse(fs.readFileSync(0, 'utf8'));
  const patterns = (job.patterns || []).map(([pattern, texts]) => {
    const re = new RegExp(pattern, 'u');
    return texts.map((t) => re.test(t));
  });
  const documents = await validateAll(job.documents || []);
  process.stdout.write(JSON.stringify({ patterns, documents }));
}

main().catch((e) => { console.error(e && e.stack || e); process.exit(1); });
