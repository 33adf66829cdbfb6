#!/usr/bin/env node
// Prints the resource declarations of Bicep files as JSON, from the same tree-sitter parse check.js uses,
// for the offline type check in the functions module's tests (ResourceTypeCheckTest).
//
// Usage: node declarations.js <file.bicep> ...
// Output: {"files":[{"file","resources":[...],"parameters":[...],"modules":[...]}]}
// A resource: {"symbol","type","existing","line","parent","body"}
//   type     the full type@apiVersion; a nested child's short type ('containers') is made full from its parent's
//   parent   the symbol of the resource it is nested in, or null
//   body     the declaration's object, as a value (nested child resources left out)
// A parameter: {"name","line","hasDefault"}; a module: {"symbol","path","line","params":[{"key","line"}]}
// (the keys of its params object; null when params is computed).
// A value is one of
//   {"kind":"object","line","properties":[{"key","line","value"}]}  (key null when it is an expression)
//   {"kind":"array","line","items":[value]}
//   {"kind":"string"|"int"|"bool"|"null","line","value"}
//   {"kind":"expression","line","text"}   anything computed: references, calls, interpolated strings, ...
// Exit codes: 0 parsed, 1 a file has syntax errors (check.js says where), 2 bad usage.
'use strict';

const fs = require('fs');
const Parser = require('web-tree-sitter');

function line(node) {
  return node.startPosition.row + 1;
}

// A string literal's value, or null when it interpolates. Escapes as in Bicep: \' \\ \n \r \t \$ \u{...}.
function literalString(node) {
  let text = '';
  for (const part of node.namedChildren) {
    if (part.type === 'interpolation') {
      return null;
    }
    if (part.type === 'escape_sequence') {
      text += unescape(part.text);
    } else {
      text += part.text;
    }
  }
  return text;
}

function unescape(sequence) {
  const simple = { "\\'": "'", '\\\\': '\\', '\\n': '\n', '\\r': '\r', '\\t': '\t', '\\$': '$' };
  if (sequence in simple) {
    return simple[sequence];
  }
  const unicode = /^\\u\{([0-9a-fA-F]+)\}$/.exec(sequence);
  return unicode ? String.fromCodePoint(parseInt(unicode[1], 16)) : sequence;
}

function value(node) {
  const at = line(node);
  switch (node.type) {
    case 'object':
      return { kind: 'object', line: at, properties: objectProperties(node) };
    case 'array':
      return { kind: 'array', line: at, items: node.namedChildren.filter((c) => c.type !== 'comment').map(value) };
    case 'string': {
      const text = literalString(node);
      return text === null ? { kind: 'expression', line: at, text: node.text } : { kind: 'string', line: at, value: text };
    }
    case 'number':
      return { kind: 'int', line: at, value: Number(node.text) };
    case 'boolean':
      return { kind: 'bool', line: at, value: node.text === 'true' };
    case 'null':
      return { kind: 'null', line: at, value: null };
    case 'unary_expression':
      // -5 parses as a unary minus on a number literal.
      if (node.text.startsWith('-') && node.namedChildren.length === 1 && node.namedChildren[0].type === 'number') {
        return { kind: 'int', line: at, value: -Number(node.namedChildren[0].text) };
      }
      return { kind: 'expression', line: at, text: node.text };
    default:
      return { kind: 'expression', line: at, text: node.text };
  }
}

// The properties of an object; nested resource declarations are declarations of their own, not properties.
function objectProperties(objectNode) {
  const properties = [];
  for (const property of objectNode.namedChildren) {
    if (property.type !== 'object_property') {
      continue;
    }
    const [keyNode, valueNode] = property.namedChildren.filter((c) => c.type !== 'comment');
    if (keyNode.type === 'resource_declaration') {
      continue;
    }
    const key = keyNode.type === 'identifier' ? keyNode.text : keyNode.type === 'string' ? literalString(keyNode) : null;
    properties.push({ key, line: line(property), value: value(valueNode) });
  }
  return properties;
}

// The declaration's body object: directly, or inside `if (...) {}` or `[for ...: {}]`.
function bodyObject(node) {
  for (const child of node.namedChildren) {
    if (child.type === 'object') {
      return child;
    }
    if (child.type === 'if_statement' || child.type === 'for_statement') {
      const inner = bodyObject(child);
      if (inner) {
        return inner;
      }
    }
  }
  return null;
}

function nestedDeclarations(objectNode) {
  return objectNode.namedChildren
    .filter((p) => p.type === 'object_property')
    .map((p) => p.namedChildren[0])
    .filter((n) => n && n.type === 'resource_declaration');
}

// A nested child may name only its own segment ('containers' or 'containers@2023-05-01'); Bicep then
// takes the rest of the type, and the api version when it is absent, from the parent.
function fullType(written, parentType) {
  if (!parentType || written.includes('/')) {
    return written;
  }
  const [segment, version] = written.split('@');
  const [parentName, parentVersion] = parentType.split('@');
  return `${parentName}/${segment}@${version || parentVersion}`;
}

function collect(node, parent, found) {
  const [symbolNode, typeNode] = node.namedChildren;
  const type = fullType(literalString(typeNode) || typeNode.text, parent && parent.type);
  const existing = node.children.some((c) => !c.isNamed && c.type === 'existing');
  const body = bodyObject(node);
  const declaration = {
    symbol: symbolNode.text,
    type,
    existing,
    line: line(node),
    parent: parent ? parent.symbol : null,
    body: body ? value(body) : { kind: 'expression', line: line(node), text: node.text },
  };
  found.push(declaration);
  if (body) {
    for (const child of nestedDeclarations(body)) {
      collect(child, declaration, found);
    }
  }
}

function parameter(node) {
  const [name, , defaultValue] = node.namedChildren.filter((c) => c.type !== 'comment');
  return { name: name.text, line: line(node), hasDefault: defaultValue !== undefined };
}

function moduleCall(node) {
  const [symbolNode, pathNode] = node.namedChildren;
  const body = bodyObject(node);
  const params = body && objectProperties(body).find((p) => p.key === 'params');
  return {
    symbol: symbolNode.text,
    path: literalString(pathNode),
    line: line(node),
    params: params && params.value.kind === 'object'
      ? params.value.properties.map((p) => ({ key: p.key, line: p.line }))
      : null,
  };
}

async function main(files) {
  if (files.length === 0) {
    console.error('usage: node declarations.js <file.bicep> ...');
    return 2;
  }
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Parser.Language.load(require.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm')));

  const out = [];
  let broken = false;
  for (const file of files) {
    const tree = parser.parse(fs.readFileSync(file, 'utf8'));
    if (tree.rootNode.hasError) {
      // A half-parsed file would give a half-checked answer; check.js reports where the error is.
      console.error(`error ${file}: syntax errors; run check.js on it for their positions`);
      broken = true;
      continue;
    }
    const resources = [];
    const parameters = [];
    const modules = [];
    for (const node of tree.rootNode.namedChildren) {
      if (node.type === 'resource_declaration') {
        collect(node, null, resources);
      } else if (node.type === 'parameter_declaration') {
        parameters.push(parameter(node));
      } else if (node.type === 'module_declaration') {
        modules.push(moduleCall(node));
      }
    }
    out.push({ file, resources, parameters, modules });
  }
  process.stdout.write(JSON.stringify({ files: out }) + '\n');
  return broken ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`error: ${err.message}`);
    process.exit(2);
  },
);
