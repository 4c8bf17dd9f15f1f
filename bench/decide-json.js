'use strict';
// bench/run.js runs the decision benchmark in a process of its own and reads this line.
const { runDecideBench } = require('./decide');
process.stdout.write(`${JSON.stringify(runDecideBench())}\n`);
