/**
 * Builds the add-in into dist/: one taskpane.html that loads every entry (task pane, custom functions,
 * ribbon commands), because in Office's shared runtime that one page *is* the runtime.
 *
 * - `runtimeChunk: "single"` gives all entries one module registry, so `src/shared-runtime.ts` (the session,
 *   the key in memory, the store) is instantiated once and shared by pane, functions and ribbon.
 * - functions.json is generated from the JSDoc in src/functions/functions.ts by custom-functions-metadata-plugin,
 *   which also appends the `CustomFunctions.associate` calls (never write them by hand).
 * - manifest.xml is copied with its https://localhost:3000 origin replaced by OMSPAN_ADDIN_ORIGIN.
 *
 * Plain CommonJS on purpose: webpack-cli loads it without a TypeScript loader (see design.md).
 */
const path = require("node:path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { sources } = require("webpack");

/** The origin written in manifest.xml, replaced on copy. */
const MANIFEST_ORIGIN = "https://localhost:3000";
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** OMSPAN_ADDIN_ORIGIN must be a bare https origin: Office refuses add-in pages over plain http. */
function addinOrigin() {
  const raw = process.env.OMSPAN_ADDIN_ORIGIN || MANIFEST_ORIGIN;
  let url;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new Error(`OMSPAN_ADDIN_ORIGIN is not a URL: ${JSON.stringify(raw)}`, { cause });
  }
  if (url.protocol !== "https:" || url.origin !== raw.replace(/\/$/, "")) {
    throw new Error(`OMSPAN_ADDIN_ORIGIN must be an https origin without a path, e.g. https://excel.example.go.id; got ${raw}`);
  }
  return url.origin;
}

/**
 * The manifest's <Script> URL is required by the schema but unused in a shared runtime (Excel loads the
 * functions through <Page>, i.e. taskpane.html). Emit a tiny stable functions.js so that URL still answers.
 */
class FunctionsScriptPlaceholderPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("FunctionsScriptPlaceholder", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "FunctionsScriptPlaceholder", stage: compilation.constructor.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const text = "/* OMSPAN custom functions run in the shared runtime: see taskpane.html. */\n";
          // minimized: true, or terser would strip the comment and leave an empty file.
          compilation.emitAsset("functions.js", new sources.RawSource(text), { minimized: true });
        },
      );
    });
  }
}

/**
 * Excel localises custom-function metadata by one file per language, picked by a `bt:Override Locale` on
 * the manifest's Functions.Metadata.Url. Emits functions.id-ID.json from the generated functions.json,
 * with the Indonesian help of the formula catalogue (src/functions/metadata-locale.ts, loaded via tsx).
 */
class IndonesianFunctionsMetadataPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("IndonesianFunctionsMetadata", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "IndonesianFunctionsMetadata", stage: compilation.constructor.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const english = compilation.getAsset("functions.json");
          if (!english) return; // the metadata plugin reported its errors already
          const { indonesianMetadata } = require("tsx/cjs/api").require("./src/functions/metadata-locale.ts", __filename);
          const text = indonesianMetadata(english.source.source().toString());
          compilation.emitAsset("functions.id-ID.json", new sources.RawSource(text));
        },
      );
    });
  }
}

module.exports = (env, argv) => {
  const production = argv.mode !== "development";
  const origin = addinOrigin();
  return {
    mode: production ? "production" : "development",
    devtool: "source-map",
    context: __dirname,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      functions: "./src/functions/functions.ts",
      commands: ["./src/commands/commands.ts", "./src/commands/siap-rapat-command.ts"],
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: production ? "[name].[contenthash].js" : "[name].js",
      chunkFilename: production ? "[name].[contenthash].js" : "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // tsconfig is module node16: TypeScript sources may import "./x.js" meaning ./x.ts.
      extensionAlias: { ".js": [".ts", ".tsx", ".js"] },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // Type checking is `npm run typecheck`; the build only transpiles (fast, and two cores are shared).
          // tsconfig says module node16 (CommonJS for Node and jest); for the browser emit ES modules, so
          // webpack resolves packages' "import" builds and tree-shakes Fluent UI (with `require` it bundles
          // every component and icon: ~18 MB instead of well under 1 MB).
          use: {
            loader: "ts-loader",
            options: { transpileOnly: true, compilerOptions: { module: "es2022", moduleResolution: "bundler" } },
          },
        },
      ],
    },
    optimization: {
      runtimeChunk: "single",
      // Modules used by several entries (the session, zod, the core) go into shared chunks once.
      splitChunks: { chunks: "all" },
    },
    performance: { hints: false }, // React + Fluent UI exceed webpack's web-page defaults; it is an add-in.
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new IndonesianFunctionsMetadataPlugin(),
      new FunctionsScriptPlaceholderPlugin(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        templateParameters: { officeJs: OFFICE_JS_CDN },
        // The pane's entry comes first, so it mounts before the functions entry runs; offline (no
        // office.js) src/functions/preview-guard.ts keeps the generated `CustomFunctions.associate`
        // calls harmless.
        chunks: ["taskpane", "commands", "functions"],
        chunksSortMode: "manual",
        scriptLoading: "defer",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => content.toString("utf8").split(MANIFEST_ORIGIN).join(origin),
          },
        ],
      }),
    ],
  };
};
