// Size of peer auth/billing SDKs for the README's comparison table (minified + gzip, esbuild, vue/pinia external).
// Not run by CI: it needs the peers installed. In an empty directory:
//   npm init -y && npm i esbuild vue pinia @clerk/vue @clerk/clerk-js @auth0/auth0-vue better-auth @stigg/js-client-sdk @supabase/auth-js
//   node /path/to/bench/peers.mjs
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url + '/');
const version = (pkg) => {
  try { return JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version; }
  catch { return JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, 'utf8')).version; }
};

// `export {...} from` so the imports are "used" and survive tree-shaking.
const cases = [
  { pkg: '@clerk/vue', names: 'clerkPlugin, SignIn, useAuth', from: '@clerk/vue', ui: 'No (UI loaded at runtime from Clerk CDN via clerk-js)' },
  { pkg: '@clerk/clerk-js', names: 'Clerk', from: '@clerk/clerk-js', ui: 'Yes (self-hosted clerk-js incl. UI)' },
  { pkg: '@auth0/auth0-vue', names: 'createAuth0, useAuth0', from: '@auth0/auth0-vue', ui: 'No (redirect/popup to Universal Login)' },
  { pkg: 'better-auth', names: 'createAuthClient', from: 'better-auth/vue', ui: 'No' },
  { pkg: 'better-auth', names: 'createAuthClient + organizationClient', from: null,
    src: "export { createAuthClient } from 'better-auth/vue';\nexport { organizationClient } from 'better-auth/client/plugins';", ui: 'No' },
  { pkg: '@stigg/js-client-sdk', names: 'Stigg', from: '@stigg/js-client-sdk', ui: 'No' },
  { pkg: '@supabase/auth-js', names: 'AuthClient', from: '@supabase/auth-js', ui: 'No' },
];

const base = {
  bundle: true, minify: true, format: 'esm', platform: 'browser',
  external: ['vue', 'pinia', 'vue-router'], write: false, logLevel: 'silent',
};

async function bundle(src, extra = {}) {
  const r = await build({ ...base, ...extra, stdin: { contents: src, resolveDir: process.cwd(), loader: 'js' } });
  return r.outputFiles[0].contents;
}

const rows = [];
for (const c of cases) {
  const src = c.src ?? `export { ${c.names} } from '${c.from}';`;
  let note = '';
  let out;
  try { out = await bundle(src); }
  catch (e) {
    try {
      out = await bundle(src, { define: { 'process.env.NODE_ENV': '"production"' } });
      note = 'retried with define process.env.NODE_ENV=production';
    } catch (e2) { rows.push({ ...c, error: (e2.errors?.[0]?.text ?? e2.message) }); continue; }
  }
  rows.push({ ...c, version: version(c.pkg), min: out.length, gz: gzipSync(out).length, note });
}

const kb = (n) => (n / 1024).toFixed(1);
console.log(`node ${process.version}, esbuild ${(await import('esbuild')).version}, ${new Date().toISOString()}\n`);
console.log('| package | version | import | min KB | gzip KB | includes UI? |');
console.log('|---|---|---|---:|---:|---|');
for (const r of rows) {
  if (r.error) { console.log(`| ${r.pkg} | - | ${r.names} | FAILED | ${r.error} | |`); continue; }
  const imp = r.from ? `\`{ ${r.names} }\` from \`${r.from}\`` : r.names;
  console.log(`| ${r.pkg} | ${r.version} | ${imp} | ${kb(r.min)} (${r.min} B) | ${kb(r.gz)} (${r.gz} B) | ${r.ui}${r.note ? '; ' + r.note : ''} |`);
}
