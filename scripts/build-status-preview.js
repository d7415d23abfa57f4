#!/usr/bin/env node
// Builds the status preview served by the worker at /status (README "Status component"): the
// org package's wardenStatus component compiled with LWC OSS and the npm lightning-base-components,
// `lightning/uiGraphQLApi` mapped to worker/status-preview/ui-graphql-api.js, plus the SLDS
// stylesheet. Output: dist/status-preview/ (ES module chunks + slds.min.css). Part of
// `npm run build`; facts it relies on are in MEASURED.md ("LWC outside Salesforce").
const { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { rollup } = require('rollup');
// The lwc package re-exports its rollup plugin (ESM default export).
const lwc = require('lwc/rollup-plugin').default;

const ROOT = join(__dirname, '..');
const LWC_DIR = join(ROOT, 'force-app', 'main', 'default', 'lwc');
const PREVIEW_SRC = join(ROOT, 'worker', 'status-preview');
const OUT_DIR = join(ROOT, 'dist', 'status-preview');

// The org package's own components the panel uses, by their Lightning names.
const PACKAGE_COMPONENTS = ['wardenStatus', 'errorPanel', 'ldsUtils'];

/** Base components read these at load time; a browser bundle has no `process`, and this is not SSR. */
function replaceBuildConstants() {
  const replacements = [
    [/process\.env\.NODE_ENV/g, JSON.stringify('production')],
    [/import\.meta\.env\.SSR/g, 'false'],
  ];
  return {
    name: 'orgwarden-build-constants',
    transform(code) {
      if (!replacements.some(([pattern]) => pattern.test(code))) return null;
      let out = code;
      for (const [pattern, value] of replacements) out = out.replace(pattern, value);
      return { code: out, map: null };
    },
  };
}

async function build() {
  const started = Date.now();
  // Built aside and swapped in whole: a running worker (or a concurrent build) never sees half a build.
  const staging = `${OUT_DIR}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const bundle = await rollup({
    input: join(PREVIEW_SRC, 'main.js'),
    plugins: [
      lwc({
        modules: [
          { name: 'lightning/uiGraphQLApi', path: join(PREVIEW_SRC, 'ui-graphql-api.js') },
          ...PACKAGE_COMPONENTS.map((name) => ({ name: `c/${name}`, path: join(LWC_DIR, name, `${name}.js`) })),
          { npm: 'lightning-base-components' },
        ],
        // lightning-icon loads its SVG templates with dynamic import().
        enableDynamicComponents: true,
      }),
      replaceBuildConstants(),
    ],
    onwarn(warning, warn) {
      // The base components' sources trip these harmlessly (circular helpers, `this` at top level).
      if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
      // lightning-card's template declares its title and footer slots twice (in exclusive branches).
      if (warning.message.includes('LWC1137') && warning.id?.includes('lightning-base-components')) return;
      warn(warning);
    },
  });
  await bundle.write({ dir: staging, format: 'esm', entryFileNames: 'main.js', chunkFileNames: 'chunks/[name]-[hash].js' });
  await bundle.close();
  copyFileSync(
    require.resolve('@salesforce-ux/design-system/assets/styles/salesforce-lightning-design-system.min.css'),
    join(staging, 'slds.min.css'),
  );
  copyFileSync(join(PREVIEW_SRC, 'page.css'), join(staging, 'page.css'));
  writeFileSync(join(staging, 'BUILT'), `${new Date().toISOString()}\n`);
  const previous = `${OUT_DIR}.${process.pid}.old`;
  if (existsSync(OUT_DIR)) renameSync(OUT_DIR, previous);
  renameSync(staging, OUT_DIR);
  rmSync(previous, { recursive: true, force: true });
  process.stdout.write(`status preview built in ${((Date.now() - started) / 1000).toFixed(1)} s → ${OUT_DIR}\n`);
}

build().catch((err) => {
  process.stderr.write(`status preview build failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
