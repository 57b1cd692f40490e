// Bundles the extension into one file (no node_modules in the .vsix), and the Java finder and the
// run command line on their own for the unit tests, which run under plain Node.
import * as esbuild from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node18', format: 'cjs', sourcemap: false, logLevel: 'warning' };
await esbuild.build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'out/extension.js', external: ['vscode'] });
await esbuild.build({ ...common, entryPoints: ['src/java.ts'], outfile: 'out/java.js' });
await esbuild.build({ ...common, entryPoints: ['src/run.ts'], outfile: 'out/run.js' });
