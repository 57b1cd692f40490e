// Bundles the extension into one file (no node_modules in the .vsix), and the Java finder, the run
// command line and Check workspace's opening of files on their own for the unit tests (plain Node).
import * as esbuild from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node18', format: 'cjs', sourcemap: false, logLevel: 'warning' };
await esbuild.build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'out/extension.js', external: ['vscode'] });
await esbuild.build({ ...common, entryPoints: ['src/java.ts'], outfile: 'out/java.js' });
await esbuild.build({ ...common, entryPoints: ['src/run.ts'], outfile: 'out/run.js' });
await esbuild.build({ ...common, entryPoints: ['src/openAll.ts'], outfile: 'out/openAll.js' });
