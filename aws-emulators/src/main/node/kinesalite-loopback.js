// Starts kinesalite (in-memory) on 127.0.0.1 only: its own CLI listens on every interface and has no host option.
// Survives clients that abort a request mid-way (see survive-client-aborts.js).
// Usage: node kinesalite-loopback.js <kinesalite module dir> <port>
const [moduleDir, port] = process.argv.slice(2);
require('./survive-client-aborts')('kinesalite');
const kinesalite = require(moduleDir);
const server = kinesalite({createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 1000});
server.listen(Number(port), '127.0.0.1', () => {
  const address = server.address();
  console.log('kinesalite listening at http://%s:%s', address.address, address.port);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
// The JVM that started this process holds the other end of its stdin: when that JVM ends, however it ends (killed
// during its own start-up included, before any shutdown hook), stdin closes and this emulator ends with it.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
