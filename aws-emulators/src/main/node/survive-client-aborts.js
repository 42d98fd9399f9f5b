// dynalite and kinesalite both throw from a request's 'error' listener (`req.on('error', function (err) { throw err })`),
// so a client that gives up on a request while sending it (an SDK call timing out under load, a killed process)
// takes the whole emulator down, and every later call fails with "connection refused" until it is restarted — seen
// under the stack benchmark: dynalite died 3 minutes in, and the profile writer and the models failed from then on.
// Only that error is survived: the request's body never arrived, so its handler never ran and the store is untouched.
// Anything else still ends the process, loudly.
module.exports = function surviveClientAborts(name) {
  let aborted = 0;
  process.on('uncaughtException', (err) => {
    if (err && err.code === 'ECONNRESET' && err.message === 'aborted') {
      aborted++;
      if ((aborted & (aborted - 1)) === 0) { // 1, 2, 4, 8, ...: visible, never a flood
        console.error('%s: a client aborted a request before sending all of it (%d so far); still serving', name, aborted);
      }
      return;
    }
    console.error('%s: uncaught exception, exiting', name, err);
    process.exit(1);
  });
};
