/**
 * Runs one benchmark by name: `npm run -s bench -- <name> [args...]` imports
 * `./<name>.js` and calls its exported `run(args)`. Each benchmark prints JSON lines.
 */
const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z0-9-]+$/.test(name)) {
  process.stderr.write("usage: npm run -s bench -- <name> [args...]\n");
  process.exit(2);
}
const module = (await import(`./${name}.js`)) as { run?: (args: string[]) => Promise<void> };
if (typeof module.run !== "function") {
  process.stderr.write(`bench "${name}" exports no run(args)\n`);
  process.exit(2);
}
await module.run(args);
