#!/usr/bin/env node
// Each product's TypeScript client (frontend/generated/schema.d.ts) from its OpenAPI slice
// (backend/presentation/openapi.json), every product in one Node process: the
// openapi-typescript command starts Node and loads its compiler once per product, about
// a second each, which made a check grow by minutes in a project of a hundred products.
//
//   slicekit-clients [PRODUCT ...]           write the clients (all by default)
//   slicekit-clients --check [PRODUCT ...]   fail, naming each stale client
//
// The project is the pnpm workspace it runs in: the nearest directory, from the current one
// up, that holds pnpm-workspace.yaml (so a product's own script runs it as well as the root).
// The output is the command's, byte for byte: its header, and its defaults (every option
// of the command off).
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";

import openapiTS, { COMMENT_HEADER, astToString } from "openapi-typescript";

// A product's slice and its client, from the product's directory, as the kit's Python side
// names them (slicekit.names.SCHEMA_SLICE, slicekit.scaffold.client.GENERATED_CLIENT).
const SLICE = "backend/presentation/openapi.json";
const CLIENT = "frontend/generated/schema.d.ts";
const WORKSPACE = "pnpm-workspace.yaml";
// openapi-typescript's command line turns each of these off unless its flag is given.
const COMMAND_DEFAULTS = Object.fromEntries(
  [
    "additionalProperties",
    "alphabetize",
    "arrayLength",
    "contentNever",
    "defaultNonNullable",
    "propertiesRequiredByDefault",
    "emptyObjectsUnknown",
    "enum",
    "enumValues",
    "conditionalEnums",
    "dedupeEnums",
    "excludeDeprecated",
    "exportType",
    "immutable",
    "pathParamsAsTypes",
    "rootTypes",
    "rootTypesNoSchemaPrefix",
    "rootTypesKeepCasing",
    "makePathsEnum",
    "generatePathParams",
    "readWriteMarkers",
  ].map((option) => [option, false]),
);

/** The project's root: the nearest directory up from `start` with pnpm-workspace.yaml. */
function projectRoot(start) {
  for (let directory = start; ; directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, WORKSPACE))) return directory;
    if (path.dirname(directory) === directory) {
      throw new Error(`no ${WORKSPACE} in ${start} or above: run it inside the project`);
    }
  }
}

/** The products with a slice and a frontend, or the ones named (each must have both). */
function productsToGenerate(root, named) {
  const products = path.join(root, "products");
  const withBoth = (name) =>
    existsSync(path.join(products, name, SLICE)) && existsSync(path.join(products, name, "frontend"));
  if (named.length === 0) {
    return readdirSync(products).filter(withBoth).sort();
  }
  const unknown = named.filter((name) => !withBoth(name));
  if (unknown.length > 0) {
    throw new Error(`no product with ${SLICE} and a frontend/: ${unknown.join(", ")}`);
  }
  return named;
}

async function client(root, product) {
  const slice = pathToFileURL(path.join(root, "products", product, SLICE));
  const tree = await openapiTS(slice, { ...COMMAND_DEFAULTS, silent: true });
  return `${COMMENT_HEADER}${astToString(tree)}`;
}

async function main(args) {
  const check = args.includes("--check");
  const named = args.filter((arg) => arg !== "--check");
  const root = projectRoot(process.cwd());
  const stale = [];
  for (const product of productsToGenerate(root, named)) {
    const written = await client(root, product);
    const file = path.join("products", product, CLIENT);
    const target = path.join(root, file);
    const current = existsSync(target) ? readFileSync(target, "utf8") : null;
    if (current === written) continue;
    if (check) {
      stale.push(`${file} is stale against products/${product}/${SLICE}: run make frontend-client`);
    } else {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, written, "utf8");
      process.stdout.write(`wrote ${file}\n`);
    }
  }
  for (const line of stale) process.stderr.write(`${line}\n`);
  return stale.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`slicekit-clients: ${error.message}\n`);
    process.exit(2);
  },
);
