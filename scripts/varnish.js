'use strict';
/**
 * A real Varnish (Debian's package) on a free loopback port, with the VCL of examples/05-varnish
 * pointed at a given backend port: started and stopped by the tests and the benchmark themselves.
 */
const { execFile, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');

const VARNISHD = '/usr/sbin/varnishd';
const EXAMPLE_VCL = path.resolve(__dirname, '../examples/05-varnish/default.vcl');
const run = promisify(execFile);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function accepts(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

async function waitForPort(port, child, output) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`varnishd exited (${child.exitCode}):\n${output()}`);
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`varnishd did not listen on ${port}:\n${output()}`);
}

async function startVarnish(backendPort) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geonotice-varnish-'));
  // varnishd reads its VCL as its own unprivileged user once it has dropped root.
  fs.chmodSync(dir, 0o755);
  const vcl = path.join(dir, 'default.vcl');
  fs.writeFileSync(vcl, fs.readFileSync(EXAMPLE_VCL, 'utf8').replace(/\.port = "\d+";/, `.port = "${backendPort}";`));
  const port = await freePort();
  const name = path.join(dir, 'instance');
  const child = spawn(VARNISHD, ['-F', '-a', `127.0.0.1:${port}`, '-f', vcl, '-n', name, '-s', 'malloc,64m'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk.toString()));
  child.stderr.on('data', (chunk) => (output += chunk.toString()));
  await waitForPort(port, child, () => output);
  return {
    port,
    async topLevelRequests() {
      // -d: what the log holds so far, then exit; ESI sub-requests are left out unless -E is given.
      const { stdout } = await run('varnishncsa', ['-n', name, '-d', '-F', '%{Varnish:handling}x %U%q'], {
        maxBuffer: 64 * 1024 * 1024,
      });
      return stdout
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => {
          const [handling = '', url = ''] = line.split(' ');
          return { handling, url };
        });
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

module.exports = { VARNISHD, startVarnish };
