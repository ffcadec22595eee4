// Bounds every virtual user of echo.yml to NITRO_SECONDS of sending.
'use strict';

function setDeadline(context, events, done) {
  const seconds = Number(process.env.NITRO_SECONDS || '10');
  context.vars.deadline = Date.now() + seconds * 1000;
  return done();
}

function beforeDeadline(context, next) {
  return next(Date.now() < context.vars.deadline);
}

module.exports = { setDeadline, beforeDeadline };
