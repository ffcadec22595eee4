// Bounds every virtual user of echo.yml to NITRO_SECONDS and times each send→echo round trip.
'use strict';

function setDeadline(context, events, done) {
  const seconds = Number(process.env.NITRO_SECONDS || '10');
  context.vars.deadline = Date.now() + seconds * 1000;
  return done();
}

function beforeDeadline(context, next) {
  return next(Date.now() < context.vars.deadline);
}

function markStart(context, events, done) {
  context.vars.t0 = process.hrtime.bigint();
  return done();
}

function recordLatency(context, events, done) {
  const ns = Number(process.hrtime.bigint() - context.vars.t0);
  events.emit('histogram', 'echo.response_time', ns / 1e6);
  return done();
}

module.exports = { setDeadline, beforeDeadline, markStart, recordLatency };
