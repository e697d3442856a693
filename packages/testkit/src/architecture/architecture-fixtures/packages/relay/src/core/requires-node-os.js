const os = require('node:os');
module.exports = os.hostname;
