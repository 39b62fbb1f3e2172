// Starts a real, pinned n8n with our package loaded, for end-to-end tests and benchmarks.
//   const n8n = await startN8n({ flavor: '2', workflows: ['test/e2e/webhook.json'] });
//   await fetch(`${n8n.baseUrl}/webhook/hello`, { method: 'POST' });
//   const [execution] = await n8n.waitForExecutions({ workflowId: n8n.workflowIds[0], count: 1 });
//   await n8n.stop();
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureRuntime, REPO_ROOT, runtimeAt } from './runtime.mjs';

export const OWNER = { email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-password-1' };
const BROWSER_ID = 'n8n-e2e-browser'; // the auth cookie is bound to this header's value
const log = (msg) => process.stderr.write(`[n8n-server] ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Environment for any n8n process (start or CLI) that works on `userFolder`. */
export function n8nEnv({ runtime, userFolder, port, brokerPort, env = {} }) {
  return {
    ...process.env,
    ...runtime.env,
    N8N_USER_FOLDER: userFolder,
    N8N_PORT: String(port),
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_HOST: '127.0.0.1',
    N8N_PROTOCOL: 'http', // webhook and editor URLs derive from protocol/host/port
    // The task runner broker defaults to 5679; n8n exits when that port is taken.
    N8N_RUNNERS_BROKER_PORT: String(brokerPort),
    N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
    DB_TYPE: 'sqlite',
    N8N_SECURE_COOKIE: 'false', // plain http on loopback
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
    N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_HIRING_BANNER_ENABLED: 'false',
    N8N_AI_ENABLED: 'false',
    EXTERNAL_FRONTEND_HOOKS_URLS: '',
    N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
    N8N_UNVERIFIED_PACKAGES_ENABLED: 'true', // ours is not on n8n's verified list
    N8N_REINSTALL_MISSING_PACKAGES: 'false', // never reach out to the registry at start
    // 2.x polls api.n8n.io for an MCP server list at start; this machine has no internet.
    ...(runtime.flavor === '2' ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
    ...env,
  };
}

/**
 * Makes `packageDir` load like an installed community package:
 * <userFolder>/.n8n/nodes/node_modules/<name> -> packageDir (symlink, so its own
 * node_modules resolve n8n-workflow), plus the nodes/package.json n8n keeps for installs.
 */
export function linkPackage(userFolder, packageDir = REPO_ROOT) {
  const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  if (!pkg.n8n) throw new Error(`${packageDir}/package.json has no "n8n" section`);
  const missing = [...(pkg.n8n.nodes || []), ...(pkg.n8n.credentials || [])].filter(
    (f) => !fs.existsSync(path.join(packageDir, f)),
  );
  if (missing.length) throw new Error(`package not built, missing: ${missing.join(', ')} (run npm run build)`);

  const nodesDir = path.join(userFolder, '.n8n', 'nodes');
  const target = path.join(nodesDir, 'node_modules', pkg.name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.rmSync(target, { recursive: true, force: true });
  fs.symlinkSync(path.resolve(packageDir), target, 'dir');

  const manifestFile = path.join(nodesDir, 'package.json');
  let manifest = { name: 'installed-nodes', private: true, dependencies: {} };
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  } catch {}
  manifest.dependencies = { ...manifest.dependencies, [pkg.name]: pkg.version };
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  return { name: pkg.name, version: pkg.version, target };
}

/**
 * Installs an `npm pack` tarball the way n8n 2.x's community-package service does: unpack into
 * <userFolder>/.n8n/nodes/node_modules/<name>, drop dev/peer/optional dependencies, `npm install`
 * with n8n's flags, and record it in nodes/package.json. n8n-workflow then resolves to n8n's own.
 */
export function installPackageTarball(userFolder, tarball) {
  const nodesDir = path.join(userFolder, '.n8n', 'nodes');
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-pkg-'));
  try {
    execFileSync('tar', ['-xzf', path.resolve(tarball), '-C', staging, '--strip-components=1']);
    const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(
      fs.readFileSync(path.join(staging, 'package.json'), 'utf8'),
    );
    const target = path.join(nodesDir, 'node_modules', pkg.name);
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.cpSync(staging, target, { recursive: true });
    fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify(pkg, null, 2));
    const npmEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));
    execFileSync('npm', ['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'], { cwd: target, env: npmEnv, stdio: 'pipe' });
    const manifestFile = path.join(nodesDir, 'package.json');
    let manifest = { name: 'installed-nodes', private: true, dependencies: {} };
    if (fs.existsSync(manifestFile)) manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    manifest.dependencies = { ...manifest.dependencies, [pkg.name]: pkg.version };
    fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
    return { name: pkg.name, version: pkg.version, target };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Runs an n8n CLI command to completion; rejects with its output on failure. */
export function runCli(runtime, env, args, { timeoutMs = 180000 } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(runtime.nodeBin, [runtime.n8nBin, ...args], { env, cwd: env.N8N_USER_FOLDER });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const took = ((Date.now() - t0) / 1000).toFixed(1);
      // Some versions exit 0 after logging an import error, so look at the text too.
      const failed = code !== 0 || /An error occurred|ERROR:/.test(out);
      const tail = out.split('\n').filter((l) => l && !/migration/i.test(l)).slice(-40).join('\n');
      if (failed) reject(new Error(`n8n ${args.join(' ')} failed (code ${code}, signal ${signal}, ${took}s):\n${tail}`));
      else {
        log(`n8n ${args[0]} ${args[1] ?? ''} took ${took}s`);
        resolve({ out, seconds: Number(took) });
      }
    });
  });
}

const newId = () => crypto.randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 16);

// Copies JSON files/objects into one folder (ids filled in) so one CLI run imports them all.
function stageJson(dir, items) {
  fs.mkdirSync(dir, { recursive: true });
  return items.map((item, i) => {
    const data = typeof item === 'string' ? JSON.parse(fs.readFileSync(item, 'utf8')) : structuredClone(item);
    const list = Array.isArray(data) ? data : [data];
    for (const entry of list) entry.id ??= newId();
    list.forEach((entry, j) => fs.writeFileSync(path.join(dir, `${i}-${j}.json`), JSON.stringify(entry)));
    return list;
  }).flat();
}

/** Imports workflows and publishes/activates them. Run before `start`: a running n8n does not see it. */
export async function importWorkflows(runtime, env, workflows) {
  if (!workflows.length) return [];
  const dir = fs.mkdtempSync(path.join(env.N8N_USER_FOLDER, 'import-workflows-'));
  const staged = stageJson(dir, workflows);
  await runCli(runtime, env, ['import:workflow', '--separate', `--input=${dir}`]);
  // Each CLI run boots n8n (~5 s). 1.x can activate all in one run (the folder is fresh);
  // 2.x publishes one workflow per run.
  if (runtime.flavor === '1') await runCli(runtime, env, ['update:workflow', '--all', '--active=true']);
  else for (const wf of staged) await runCli(runtime, env, ['publish:workflow', `--id=${wf.id}`]);
  return staged;
}

/**
 * Imports credentials ({ id?, name, type, data: {plain object} }); n8n encrypts an object
 * `data` with the instance key on import. Credentials are read from the database at execution
 * time, so this also works while n8n is running.
 */
export async function importCredentials(runtime, env, credentials) {
  if (!credentials.length) return [];
  const dir = fs.mkdtempSync(path.join(env.N8N_USER_FOLDER, 'import-credentials-'));
  try {
    const staged = stageJson(dir, credentials);
    await runCli(runtime, env, ['import:credentials', '--separate', `--input=${dir}`]);
    return staged.map(({ id, name, type }) => ({ id, name, type }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true }); // holds plain secrets
  }
}

/** Paths a workflow's webhook nodes will listen on, where they can be told from the JSON. */
export function webhookPaths(workflow, nodeTypes = []) {
  const paths = [];
  for (const node of workflow.nodes || []) {
    if (node.disabled || !node.webhookId) continue;
    if (node.type === 'n8n-nodes-base.webhook') {
      const p = String(node.parameters?.path ?? node.webhookId).replace(/^\/+/, '');
      if (!p.startsWith('=') && !p.includes(':')) paths.push(p);
      continue;
    }
    // Other webhook nodes listen on <webhookId>/<path from the node's description>.
    const desc = nodeTypes.find((t) => t.name === node.type);
    for (const hook of desc?.webhooks || []) {
      if (typeof hook.path === 'string' && !hook.path.startsWith('=') && hook.name === 'default') {
        paths.push(hook.isFullPath ? hook.path : `${node.webhookId}/${hook.path}`);
      }
    }
  }
  return [...new Set(paths)];
}

async function waitUntil(what, fn, { timeoutMs, intervalMs = 250, child }) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`n8n exited (code ${child.exitCode}) while waiting for ${what}`);
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

/** Spawns `n8n start`; output goes to `logFile` (and the last 200 lines are kept for errors). */
export function spawnN8n(runtime, env, { logFile, inherit = false } = {}) {
  const child = spawn(runtime.nodeBin, [runtime.n8nBin, 'start'], {
    env,
    cwd: env.N8N_USER_FOLDER,
    stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so stop() also reaches the task runners
  });
  const tail = [];
  if (!inherit) {
    const file = logFile ? fs.createWriteStream(logFile) : null;
    const onData = (d) => {
      file?.write(d);
      tail.push(...String(d).split('\n').filter(Boolean));
      tail.splice(0, Math.max(0, tail.length - 200));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', () => file?.end());
  }
  child.logTail = () => tail.join('\n');
  // Never leave n8n behind when the parent dies.
  const killGroup = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  };
  process.on('exit', killGroup);
  child.on('exit', () => process.off('exit', killGroup));
  return child;
}

/** SIGTERM, then SIGKILL to the whole group after `graceMs`. */
export async function stopN8n(child, graceMs = 20000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {}
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  }, graceMs);
  await exited;
  clearTimeout(timer);
  try {
    process.kill(-child.pid, 'SIGKILL'); // leftover task runners
  } catch {}
}

/** Readiness, then the REST API: 1.x reports ready before its REST routes exist. */
export async function waitForReady(baseUrl, child, timeoutMs = 180000) {
  const ok = async (p) => {
    const res = await fetch(`${baseUrl}${p}`);
    await res.arrayBuffer();
    return res.ok;
  };
  return waitUntil('n8n readiness', async () => (await ok('/healthz/readiness')) && (await ok('/rest/settings')), {
    timeoutMs,
    child,
  });
}

/** A CORS preflight answers 204 only once the path is registered; it starts no execution. */
export async function isWebhookActive(baseUrl, webhookPath, method = 'POST') {
  const res = await fetch(`${baseUrl}/webhook/${webhookPath}`, {
    method: 'OPTIONS',
    headers: { Origin: 'http://127.0.0.1', 'Access-Control-Request-Method': method },
  });
  await res.arrayBuffer();
  return res.status === 204;
}

function cookieFrom(res, body) {
  const auth = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
  if (!auth) throw new Error(`no n8n-auth cookie in response: ${JSON.stringify(body).slice(0, 300)}`);
  return auth;
}

async function json(res, what) {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

/** Owner setup, then a public API key with every scope the owner may grant. */
export async function setupOwnerAndApiKey(baseUrl) {
  const headers = { 'content-type': 'application/json', 'browser-id': BROWSER_ID };
  const setup = await fetch(`${baseUrl}/rest/owner/setup`, { method: 'POST', headers, body: JSON.stringify(OWNER) });
  const cookie = cookieFrom(setup, await json(setup, 'owner setup'));
  const authed = { ...headers, cookie };

  // Both versions want { label, scopes, expiresAt } and reject scopes the owner's role lacks.
  const scopesRes = await fetch(`${baseUrl}/rest/api-keys/scopes`, { headers: authed });
  const scopes = (await json(scopesRes, 'API key scopes')).data;
  const body = { label: `e2e-${Date.now()}`, scopes, expiresAt: null };
  const created = await json(
    await fetch(`${baseUrl}/rest/api-keys`, { method: 'POST', headers: authed, body: JSON.stringify(body) }),
    'create API key',
  );
  return { cookie, apiKey: created.data.rawApiKey ?? created.data.apiKey };
}

/**
 * Starts n8n with our package (or `packageDir`) linked, `workflows` imported and active and
 * `credentials` imported. Returns helpers for the REST/public API; always call stop().
 */
export async function startN8n({
  flavor = process.env.N8N_FLAVOR || '2',
  port,
  brokerPort,
  userFolder,
  workflows = [],
  credentials = [],
  env = {},
  packageDir = REPO_ROOT,
  packageTarball,
  extraPackages = [], // more community packages: `npm pack` tarballs (.tgz) or folders (linked)
  runtimeDir, // a runtime root laid out like .n8n-runtime (e.g. a patched copy); default: the pinned one
  keepUserFolder = false,
  readyTimeoutMs = 180000,
  webhookTimeoutMs = 60000,
} = {}) {
  const t0 = Date.now();
  const runtime = runtimeDir ? runtimeAt(runtimeDir, flavor) : await ensureRuntime({ flavor });
  port ??= await freePort();
  brokerPort ??= await freePort();
  const ownFolder = !userFolder;
  userFolder = path.resolve(userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-')));
  fs.rmSync(path.join(userFolder, '.n8n'), { recursive: true, force: true }); // fresh state
  fs.mkdirSync(userFolder, { recursive: true });

  const baseUrl = `http://127.0.0.1:${port}`;
  const fullEnv = n8nEnv({ runtime, userFolder, port, brokerPort, env });
  const timings = {};
  const mark = (name, since) => (timings[name] = Number(((Date.now() - since) / 1000).toFixed(1)));
  let child;
  try {
    const pkg = packageTarball ? installPackageTarball(userFolder, packageTarball) : linkPackage(userFolder, packageDir);
    for (const extra of extraPackages) {
      if (/\.t(ar\.)?gz$/.test(extra)) installPackageTarball(userFolder, extra);
      else linkPackage(userFolder, extra);
    }
    let t = Date.now();
    const imported = await importWorkflows(runtime, fullEnv, workflows);
    const creds = await importCredentials(runtime, fullEnv, credentials);
    mark('import', t);

    t = Date.now();
    const logFile = path.join(userFolder, 'n8n.log');
    child = spawnN8n(runtime, fullEnv, { logFile });
    await waitForReady(baseUrl, child, readyTimeoutMs);
    mark('ready', t);
    const { cookie, apiKey } = await setupOwnerAndApiKey(baseUrl);
    const authed = { cookie, 'browser-id': BROWSER_ID };
    const restGet = async (p) => json(await fetch(`${baseUrl}${p}`, { headers: authed }), `GET ${p}`);
    const apiGet = async (p) => json(await fetch(`${baseUrl}/api/v1${p}`, { headers: { 'X-N8N-API-KEY': apiKey } }), `GET ${p}`);

    const listNodeTypes = async () => (await restGet('/types/nodes.json')).map((n) => n.name);
    const waitForWebhook = (p, method = 'POST', timeoutMs = webhookTimeoutMs) =>
      waitUntil(`webhook ${p}`, () => isWebhookActive(baseUrl, p, method), { timeoutMs, child });

    // Readiness turns OK before activation ends, so wait for each derivable webhook path.
    t = Date.now();
    const nodeTypes = imported.length ? await restGet('/types/nodes.json') : [];
    const hooks = imported.flatMap((wf) => webhookPaths(wf, nodeTypes));
    for (const p of hooks) await waitForWebhook(p, 'POST');
    mark('webhooks', t);
    mark('total', t0);

    const listExecutions = async (workflowId) => {
      const all = [];
      let cursor;
      do {
        const q = new URLSearchParams({ includeData: 'true', limit: '250' });
        if (workflowId) q.set('workflowId', workflowId);
        if (cursor) q.set('cursor', cursor);
        const page = await apiGet(`/executions?${q}`);
        all.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    };

    return {
      flavor: runtime.flavor,
      runtimeDir: runtime.dir,
      baseUrl,
      port,
      brokerPort,
      userFolder,
      apiKey,
      cookie,
      package: pkg,
      workflowIds: imported.map((w) => w.id),
      workflows: imported,
      credentials: creds,
      webhookPaths: hooks,
      timings,
      process: child,
      logFile,
      logTail: () => child.logTail(),
      listExecutions,
      getExecution: (id) => apiGet(`/executions/${id}?includeData=true`),
      /** Polls the public API until `count` finished executions exist (newest first). */
      waitForExecutions: ({ workflowId, count = 1, timeoutMs = 30000 } = {}) =>
        waitUntil(
          `${count} execution(s)`,
          async () => {
            const list = (await listExecutions(workflowId)).filter((e) => e.finished || e.stoppedAt);
            return list.length >= count ? list : null;
          },
          { timeoutMs, intervalMs: 300, child },
        ),
      listNodeTypes,
      listCredentialTypes: async () => (await restGet('/types/credentials.json')).map((c) => c.name),
      restGet,
      apiGet,
      waitForWebhook,
      importCredentials: (list) => importCredentials(runtime, fullEnv, list),
      stop: async () => {
        await stopN8n(child);
        if (ownFolder && !keepUserFolder) fs.rmSync(userFolder, { recursive: true, force: true });
      },
    };
  } catch (e) {
    const tail = child?.logTail?.();
    await stopN8n(child);
    if (tail) e.message += `\n--- n8n log tail (${userFolder}/n8n.log) ---\n${tail.split('\n').slice(-40).join('\n')}`;
    throw e;
  }
}
