// Starts kinesalite (in-memory) on 127.0.0.1 only: its own CLI listens on every interface and has no host option.
// Survives clients that abort a request mid-way (see survive-client-aborts.js).
// Usage: node kinesalite-loopback.js <kinesalite module dir> <port> [retention ms]
//
// Retention: kinesalite keeps every record in memory for the stream's RetentionPeriodHours (24 at least) and forgets
// one only when a GetRecords happens to read past it — a consumer at the stream's tip never does — so its memory grows
// with everything ever put (the emulators grew from 0.2 to 1.5 GB in a 30-minute soak at 2,000 events/s). With a retention in ms, records older than that are
// deleted once per interval (a tenth of the retention, 1 s to 60 s), shard by shard from the oldest, as a real stream
// drops records past its retention period.
const path = require('path');
const [moduleDir, port, retentionArg] = process.argv.slice(2);
const retentionMs = Number(retentionArg || 0);
require('./survive-client-aborts')('kinesalite');
const db = require(path.join(moduleDir, 'db'));
const stores = [];
const createStore = db.create;
db.create = function (...args) {
  const store = createStore.apply(this, args);
  stores.push(store);
  return store;
};
const kinesalite = require(moduleDir);
const server = kinesalite({createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 1000});
server.listen(Number(port), '127.0.0.1', () => {
  const address = server.address();
  console.log('kinesalite listening at http://%s:%s%s', address.address, address.port,
      retentionMs > 0 ? ', records kept ' + retentionMs + ' ms' : '');
});
if (retentionMs > 0) {
  let trimming = false;
  setInterval(() => {
    if (trimming) return; // the previous pass is still deleting
    trimming = true;
    const cutoff = Date.now() - retentionMs;
    Promise.all(stores.map(store => trimStore(store, cutoff)))
        .then(counts => counts.reduce((a, b) => a + b, 0))
        .then(deleted => { if (deleted) console.log('kinesalite retention: deleted %d records older than %d ms', deleted, retentionMs); })
        .catch(err => console.error('kinesalite retention: %s', err.stack || err))
        .finally(() => { trimming = false; });
  }, Math.min(60000, Math.max(1000, Math.floor(retentionMs / 10)))).unref();
}

/** Deletes every stream's records older than the cutoff; resolves to how many. */
function trimStore(store, cutoff) {
  return new Promise((resolve, reject) => {
    const streams = [];
    store.metaDb.createReadStream()
        .on('data', item => streams.push(item))
        .on('error', reject)
        .on('end', () => Promise.all(streams.map(({key, value}) => {
          const shards = (value && value.Shards) || [];
          return Promise.all(shards.map((_, ix) => trimShard(store.getStreamDb(key), ix, cutoff)))
              .then(counts => counts.reduce((a, b) => a + b, 0));
        })).then(counts => resolve(counts.reduce((a, b) => a + b, 0)), reject));
  });
}

/** Deletes one shard's records older than the cutoff: its keys run oldest first, so it stops at the first newer one. */
function trimShard(streamDb, shardIx, cutoff) {
  return new Promise((resolve, reject) => {
    const keys = [];
    const iterator = streamDb.createKeyStream({gte: db.shardIxToHex(shardIx) + '/', lt: db.shardIxToHex(shardIx + 1)});
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      if (!keys.length) return resolve(0);
      streamDb.batch(keys.map(key => ({type: 'del', key})), err => (err ? reject(err) : resolve(keys.length)));
    };
    iterator.on('data', key => {
      if (done) return;
      if (db.parseSequence(String(key).split('/')[1]).seqTime < cutoff) {
        keys.push(key);
      } else {
        iterator.destroy();
        finish();
      }
    });
    iterator.on('error', err => { if (!done) { done = true; reject(err); } });
    iterator.on('end', finish);
    iterator.on('close', finish);
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
// The JVM that started this process holds the other end of its stdin: when that JVM ends, however it ends (killed
// during its own start-up included, before any shutdown hook), stdin closes and this emulator ends with it.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
