// Paces every virtual user of echo.yml at NITRO_RATE / NITRO_CONNECTIONS sends per second from intended send times
// (open model per user, no coordinated omission in the recorded response time) and bounds it in time.
'use strict';

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

function setSchedule(context, events, done) {
  const connections = Number(process.env.NITRO_CONNECTIONS || '8');
  const rate = Number(process.env.NITRO_RATE || '1000');
  const warmup = Number(process.env.NITRO_WARMUP_SECONDS || '1');
  const seconds = Number(process.env.NITRO_SECONDS || '10');
  const v = context.vars;
  v.intervalMs = (1000 * connections) / rate;
  v.startMs = nowMs() + Math.random() * v.intervalMs; // random phase so the users' sends interleave
  v.measureFromMs = v.startMs + warmup * 1000;
  v.endMs = v.measureFromMs + seconds * 1000;
  v.k = 0;
  return done();
}

function waitForSlot(context, events, done) {
  const v = context.vars;
  v.intendedMs = v.startMs + v.k * v.intervalMs;
  v.k += 1;
  const delay = v.intendedMs - nowMs();
  v.sentMs = 0;
  if (delay > 0.5) setTimeout(() => { v.sentMs = nowMs(); done(); }, delay);
  else { v.sentMs = nowMs(); setImmediate(done); }
}

function beforeDeadline(context, next) {
  const v = context.vars;
  return next(v.startMs + v.k * v.intervalMs < v.endMs);
}

function recordLatency(context, events, done) {
  const v = context.vars;
  if (v.intendedMs >= v.measureFromMs) {
    const end = nowMs();
    // From the intended send time, so a user that falls behind its schedule shows it; Node timers run on a millisecond
    // loop clock and may fire just before the intended time, and then latency runs from the (earlier) actual send.
    events.emit('histogram', 'echo.response_time', end - Math.min(v.intendedMs, v.sentMs));
    events.emit('histogram', 'echo.service_time', end - v.sentMs);
    events.emit('counter', 'echo.measured', 1);
  }
  return done();
}

module.exports = { setSchedule, waitForSlot, beforeDeadline, recordLatency };
