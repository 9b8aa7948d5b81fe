/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload for `node --require` */
// Preloaded (node --require) by the offline test: any attempt to open a network connection or resolve a
// name is recorded to the file named by CW_NET_LOG and then fails.
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const dgram = require('node:dgram');
const log = process.env.CW_NET_LOG;
function record(what) {
	if (log) {
		fs.appendFileSync(log, `${what}\n`);
	}
	throw new Error(`network access attempted: ${what}`);
}
net.Socket.prototype.connect = function () {
	record('net.Socket.connect');
};
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
	dns[name] = () => record(`dns.${name}`);
}
dgram.createSocket = () => record('dgram.createSocket');
if (typeof globalThis.fetch === 'function') {
	globalThis.fetch = () => record('fetch');
}
