// Placeholder until the benchmarks issue: it will start the built API on a generated data set,
// drive it with autocannon against a bare node:http + pg baseline, and write test/bench/results.json.
console.error('npm run bench: no benchmark scenarios yet (they come with the benchmarks issue).');
process.exit(0);
