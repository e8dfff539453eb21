// Frontend boundaries, derived from the same declarations the backend uses: each
// product's package.json "dependencies" (which turbo follows and tach.domain.toml
// mirrors). A product's frontend may import its own files, its own generated client,
// npm packages, the app's "@app/manifest" and "@app/ui" (its shared components), and a
// product it declares only through that product's frontend/exports.ts. The web app may
// import a product only by its manifest.
//
// One rule, frontend-reach, resolves every module a file names to where it lands, however
// it is spelled: import and export ... from (type-only too), import(), import x = require(),
// typeof import(), import.meta.glob patterns, and a path given to any call or `new`
// (new URL, new Worker, vi.mock ...). import() of a computed path and require() are
// refused outright, so every reach can be read. Inline eslint-disable comments have no
// effect on this code (noInlineConfig): a boundary is changed in the products' package.json,
// under review, never beside the import.
//
//   import { frontendBoundaries } from "slicekit/eslint";
//   export default [...otherConfigs, ...frontendBoundaries({ root: "/the/project" })];
//
// See the project's docs/adr (frontend boundaries).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// The project's layout, as the kit's Python side names it (slicekit.names).
const PRODUCTS_DIRECTORY = "products";
const WEB_APP_DIRECTORY = "frontend";
const SOURCES = "**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}";
const GLOB = /[*?[\]{}!]/;

/** Where a project's parts are, from its root (the rule's `root` option). */
function layoutOf(root) {
  return {
    root,
    products: path.join(root, PRODUCTS_DIRECTORY),
    app: path.join(root, WEB_APP_DIRECTORY, "src"),
  };
}

function readJson(layout, file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${path.relative(layout.root, file)}: ${error.message}`, { cause: error });
  }
}

/** Every product with a frontend: its name, package name and declared products. */
function products(layout) {
  const found = readdirSync(layout.products, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((name) => existsSync(path.join(layout.products, name, "package.json")))
    .map((name) => ({
      name,
      manifest: readJson(layout, path.join(layout.products, name, "package.json")),
    }));
  const byPackage = new Map(found.map(({ name, manifest }) => [manifest.name, name]));
  return found.map(({ name, manifest }) => ({
    name,
    packageName: manifest.name,
    uses: Object.keys(manifest.dependencies ?? {})
      .map((dependency) => byPackage.get(dependency))
      .filter((product) => product !== undefined),
  }));
}

/** tsconfig "paths" of the app and every product: [prefix, directory] pairs. */
function aliases(layout, all) {
  const files = [
    path.join(layout.root, WEB_APP_DIRECTORY, "tsconfig.base.json"),
    path.join(layout.root, WEB_APP_DIRECTORY, "tsconfig.json"),
    ...all.map(({ name }) => path.join(layout.products, name, "frontend", "tsconfig.json")),
  ];
  return files.filter(existsSync).flatMap((file) => {
    const paths = readJson(layout, file).compilerOptions?.paths ?? {};
    return Object.entries(paths).flatMap(([alias, targets]) =>
      targets.map((target) => [
        alias.replace(/\*$/, ""),
        path.resolve(path.dirname(file), target.replace(/\*$/, "")),
      ]),
    );
  });
}

/** The places a module specifier can land, as absolute paths (none for an npm package). */
function landings(layout, specifier, file, packages, aliased) {
  if (specifier.startsWith(".")) return [path.resolve(path.dirname(file), specifier)];
  if (specifier.startsWith("/")) {
    // Vite reads "/x" from its root (frontend/), Node from the file system's.
    const { root } = layout;
    return [path.join(root, WEB_APP_DIRECTORY, specifier), path.join(root, specifier), specifier];
  }
  const found = [];
  for (const [name, product] of packages) {
    if (specifier === name || specifier.startsWith(`${name}/`)) {
      found.push(path.join(layout.products, product, specifier.slice(name.length)));
    }
  }
  for (const [alias, directory] of aliased) {
    if (alias && specifier.startsWith(alias)) {
      found.push(path.join(directory, specifier.slice(alias.length)));
    }
  }
  return found;
}

/**
 * What a landing reaches in products/: { product, rest } for one product, { every } when
 * a glob's fixed part holds products/ (it can match any of them), or null (outside).
 */
function reached(layout, landing) {
  const segments = landing.split(path.sep);
  const wild = segments.findIndex((segment) => GLOB.test(segment));
  const fixed = wild === -1 ? landing : segments.slice(0, wild).join(path.sep) || path.sep;
  const fromProducts = path.relative(layout.products, fixed);
  if (!fromProducts.startsWith("..") && !path.isAbsolute(fromProducts)) {
    const [product, ...rest] = path.relative(layout.products, landing).split(path.sep);
    if (product && !GLOB.test(product)) return { product, rest: rest.join("/") };
    return { every: true, rest: rest.join("/") };
  }
  const holdsProducts = !path.relative(fixed, layout.products).startsWith("..");
  return wild !== -1 && holdsProducts ? { every: true, rest: "" } : null;
}

const EXPORTS = /^frontend\/exports(?:\.[cm]?[jt]sx?)?$/;
const MANIFEST = /^frontend\/manifest(?:\.[jt]sx?)?$/;

/** Where a file belongs: a product (by name), the web app, or neither. */
function ownerOf(layout, file, byName) {
  const fromProducts = path.relative(layout.products, file).split(path.sep);
  if (fromProducts[0] !== ".." && fromProducts[1] === "frontend") {
    return byName.get(fromProducts[0]) ?? null;
  }
  return path.relative(layout.app, file).startsWith("..") ? null : "app";
}

/** The refusal for `owner` reaching `target` (one product or { every }), or null. */
function refusal(owner, target, byName) {
  if (owner === "app") {
    if (target.every && /^frontend\/manifest\.tsx$/.test(target.rest)) return null;
    if (!target.every && MANIFEST.test(target.rest)) return null;
    const which = target.every ? "every product" : target.product;
    return `the web app reaches into ${which}; it finds products by their frontend/manifest.tsx only (frontend/src/products.ts)`;
  }
  if (target.every) {
    return `${owner.name} names a pattern that matches every product's files; name its own files, or a product it declares by products/<product>/frontend/exports.ts`;
  }
  if (target.product === owner.name) return null;
  const other = byName.get(target.product);
  if (!other) return null; // not a product (a stray directory): nothing to guard
  if (owner.uses.includes(other.name)) {
    if (EXPORTS.test(target.rest)) return null;
    return `${owner.name} reaches into ${other.name}; import from products/${other.name}/frontend/exports.ts`;
  }
  const back = pathTo(other, owner.name, byName);
  if (back) {
    // Declaring it would close a cycle, which tach and the product lint refuse.
    return (
      `${owner.name} imports ${other.name}, which already depends on ${owner.name} ` +
      `(${[owner.name, ...back].join(" -> ")}), so declaring it would close a cycle; ` +
      `move what both need into products/${owner.name}/frontend/exports.ts (${other.name} ` +
      `may import it there) or a package (packages/), or invert the call (${other.name} ` +
      `passes it to ${owner.name})`
    );
  }
  return (
    `${owner.name} imports ${other.name}, which it does not declare; add "${other.packageName}" ` +
    `to products/${owner.name}/package.json dependencies (and tach.domain.toml), ` +
    `then import from products/${other.name}/frontend/exports.ts`
  );
}

/** The products from `from` to `to` along declared dependencies (both ends), or null. */
function pathTo(from, to, byName, seen = new Set()) {
  if (from.name === to) return [to];
  seen.add(from.name);
  for (const next of from.uses) {
    const rest = !seen.has(next) && byName.has(next) && pathTo(byName.get(next), to, byName, seen);
    if (rest) return [from.name, ...rest];
  }
  return null;
}

/** A string's value when it is written whole (a literal, or a template without ${}). */
function written(node) {
  if (node?.type === "Literal" && typeof node.value === "string") return node.value;
  if (node?.type === "TemplateLiteral" && node.expressions.length === 0) {
    return node.quasis[0].value.cooked;
  }
  return null;
}

const looksLikePath = (text, packages, aliased) =>
  /^\.{0,2}\//.test(text) ||
  [...packages.keys(), ...aliased.map(([alias]) => alias)].some(
    (prefix) => prefix && text.startsWith(prefix),
  );

const isGlobCall = (callee) =>
  callee.type === "MemberExpression" &&
  callee.object.type === "MetaProperty" &&
  callee.object.meta.name === "import" &&
  callee.property.name === "glob";

const read = new Map();

/**
 * The products, their package names and the tsconfig aliases, read once per ESLint run
 * (the rule is created once per linted file; these files are the same for all of them).
 */
function workspace(root) {
  if (!read.has(root)) {
    const layout = layoutOf(root);
    const all = products(layout);
    read.set(root, {
      layout,
      byName: new Map(all.map((product) => [product.name, product])),
      packages: new Map(all.map(({ name, packageName }) => [packageName, name])),
      aliased: aliases(layout, all),
    });
  }
  return read.get(root);
}

const reach = {
  meta: {
    type: "problem",
    docs: { description: "A frontend reaches another product only as it declares" },
    // The project's root: where products/ and the web app are.
    schema: [
      {
        type: "object",
        properties: { root: { type: "string" } },
        required: ["root"],
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const root = context.options[0]?.root;
    if (!root) throw new Error("boundaries/frontend-reach: set it with frontendBoundaries({ root })");
    const { layout, byName, packages, aliased } = workspace(root);
    const owner = ownerOf(layout, context.physicalFilename, byName);
    if (owner === null) return {};
    const who = owner === "app" ? "the web app" : owner.name;
    const report = (node, message) =>
      context.report({ node, message: `frontend-reach: ${message}` });

    function check(node, specifier) {
      const pattern = specifier.replace(/^!/, "");
      for (const landing of landings(layout, pattern, context.physicalFilename, packages, aliased)) {
        const target = reached(layout, landing);
        const message = target && refusal(owner, target, byName);
        if (message) return report(node, message);
      }
      return undefined;
    }
    const source = (node) => {
      if (node.source) check(node.source, node.source.value);
    };
    const computed = (node) =>
      report(
        node,
        `${who} imports a module it computes; name it in a plain string so its reach can be checked`,
      );

    return {
      ImportDeclaration: source,
      ExportNamedDeclaration: source,
      ExportAllDeclaration: source,
      ImportExpression(node) {
        const specifier = written(node.source);
        if (specifier === null) computed(node);
        else check(node, specifier);
      },
      TSImportType(node) {
        const specifier = written(node.argument?.literal ?? node.argument);
        if (specifier !== null) check(node, specifier);
      },
      TSExternalModuleReference(node) {
        const specifier = written(node.expression);
        if (specifier !== null) check(node, specifier);
      },
      "CallExpression, NewExpression"(node) {
        if (node.callee.type === "Identifier" && node.callee.name === "require") {
          report(node, `${who} uses require(); use import, which the boundary check reads`);
          return;
        }
        if (node.type === "CallExpression" && isGlobCall(node.callee)) {
          const [first] = node.arguments;
          for (const pattern of first?.type === "ArrayExpression" ? first.elements : [first]) {
            const specifier = written(pattern);
            if (specifier === null) computed(pattern ?? node);
            else check(pattern, specifier);
          }
          return;
        }
        for (const argument of node.arguments) {
          const specifier = written(argument);
          if (specifier !== null && looksLikePath(specifier, packages, aliased)) {
            check(argument, specifier);
          }
        }
      },
    };
  },
};

/**
 * The flat-config entries that turn frontend-reach on for every source file.
 * `root` is the project's directory: the one holding products/ and the web app (frontend/).
 */
export function frontendBoundaries({ root }) {
  if (typeof root !== "string" || !path.isAbsolute(root)) {
    throw new Error("slicekit/eslint: frontendBoundaries({ root }) needs the project's absolute path");
  }
  return [
    {
      files: [SOURCES],
      plugins: { boundaries: { rules: { "frontend-reach": reach } } },
      linterOptions: { noInlineConfig: true },
      rules: { "boundaries/frontend-reach": ["error", { root }] },
    },
  ];
}
