const { report } = require("./lib/report.js");
const data = require("./data.json");

console.log(report(data));
