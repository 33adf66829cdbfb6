#!/usr/bin/env node
// Offline Bicep syntax check.
//
// The real Bicep compiler is a .NET binary that is downloaded at first use, so it is not available
// offline. The tree-sitter grammar ships as WASM inside an npm package and needs no native build,
// which makes it usable anywhere node is. It checks grammar only: no types, no symbol resolution and
// no ARM JSON, so `azd provision` (or `bicep build`) remains the final word.
//
// Usage: node check.js [file-or-directory ...]   (default: the repository's infra/ directory)
// Prints `ok <file>` per clean file, `error <file>:<line>:<col>: <what>` per problem.
// Exit codes: 0 all clean, 1 syntax errors, 2 bad usage (nothing to check, unreadable input).
'use strict';

const fs = require('fs');
const path = require('path');
const Parser = require('web-tree-sitter');

const DEFAULT_ROOT = path.resolve(__dirname, '..', '..', 'infra');

function collectBicepFiles(target, found) {
  const stat = fs.statSync(target);
  if (stat.isFile()) {
    found.push(target);
    return;
  }
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    const child = path.join(target, entry.name);
    if (entry.isDirectory()) {
      collectBicepFiles(child, found);
    } else if (entry.isFile() && entry.name.endsWith('.bicep')) {
      found.push(child);
    }
  }
}

// Returns the problems in the tree, outermost ERROR nodes only: tree-sitter nests ERROR nodes while it
// recovers, and reporting every level would repeat the same mistake several times.
function findProblems(node, problems) {
  if (node.isError) {
    problems.push({ node, message: `syntax error near '${snippet(node.text)}'` });
    return;
  }
  if (node.isMissing) {
    problems.push({ node, message: `missing '${node.type}'` });
    return;
  }
  if (!node.hasError) {
    return;
  }
  for (const child of node.children) {
    findProblems(child, problems);
  }
}

function snippet(text) {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 40 ? `${oneLine.slice(0, 40)}...` : oneLine;
}

async function main(args) {
  const targets = args.length > 0 ? args : [DEFAULT_ROOT];
  const files = [];
  for (const target of targets) {
    if (!fs.existsSync(target)) {
      console.error(`error ${target}: no such file or directory`);
      return 2;
    }
    collectBicepFiles(target, files);
  }
  if (files.length === 0) {
    // An empty run must not look like a clean one.
    console.error(`error: no .bicep files found in ${targets.join(', ')}`);
    return 2;
  }

  await Parser.init();
  const grammar = require.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm');
  const parser = new Parser();
  parser.setLanguage(await Parser.Language.load(grammar));

  let failed = 0;
  for (const file of files.sort()) {
    const tree = parser.parse(fs.readFileSync(file, 'utf8'));
    const problems = [];
    findProblems(tree.rootNode, problems);
    if (problems.length === 0) {
      console.log(`ok ${file}`);
      continue;
    }
    failed++;
    for (const { node, message } of problems) {
      const { row, column } = node.startPosition;
      console.log(`error ${file}:${row + 1}:${column + 1}: ${message}`);
    }
  }
  return failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`error: ${err.message}`);
    process.exit(2);
  },
);
