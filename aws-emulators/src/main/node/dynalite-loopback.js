// Starts dynalite (in-memory) on 127.0.0.1, surviving clients that abort a request mid-way (see survive-client-aborts.js).
// Usage: node dynalite-loopback.js <dynalite module dir> <port>
const [moduleDir, port] = process.argv.slice(2);
require('./survive-client-aborts')('dynalite');
const dynalite = require(moduleDir);
const server = dynalite({});
server.listen(Number(port), '127.0.0.1', () => {
  const address = server.address();
  console.log('Dynalite listening at: http://%s:%s', address.address, address.port);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
// The JVM that started this process holds the other end of its stdin: when that JVM ends, however it ends (killed
// during its own start-up included, before any shutdown hook), stdin closes and this emulator ends with it.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
