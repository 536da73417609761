// Nest's Swagger module names a schema after its DTO class and silently merges two classes of the same name
// (one class's schema stands for both, with only a start-up warning). This finds any class name the Swagger plugin's
// metadata (apps/api/src/metadata.ts) lists in more than one file; scripts/openapi.mjs fails on one.

/** `{name: [file, ...]}` for every model class name declared in more than one file of the metadata source. */
export function duplicateSchemaNames(metadataSource) {
  const models = metadataSource.slice(metadataSource.indexOf('"models"'), metadataSource.indexOf('"controllers"'));
  const files = new Map();
  // Each entry reads `[import("<file>"), { "ClassA": { ... }, "ClassB": { ... } }]`; class names are the keys at depth 1.
  const entry = /\[import\("([^"]+)"\), \{/g;
  for (let match = entry.exec(models); match; match = entry.exec(models)) {
    const file = match[1];
    let depth = 1;
    let index = entry.lastIndex;
    let quoted = false;
    let token = '';
    for (; index < models.length && depth > 0; index += 1) {
      const char = models[index];
      if (quoted) {
        if (char === '\\') index += 1;
        else if (char === '"') {
          quoted = false;
          if (depth === 1 && models.slice(index + 1).match(/^\s*:/)) (files.get(token) ?? files.set(token, new Set()).get(token)).add(file);
        } else token += char;
      } else if (char === '"') {
        quoted = true;
        token = '';
      } else if (char === '{' || char === '[' || char === '(') depth += 1;
      else if (char === '}' || char === ']' || char === ')') depth -= 1;
    }
    entry.lastIndex = index;
  }
  return Object.fromEntries([...files].filter(([, where]) => where.size > 1).map(([name, where]) => [name, [...where]]));
}
