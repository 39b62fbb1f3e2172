// A tiny round-robin HTTP proxy in front of n8n's webhook processes, as a load balancer would
// be. Each answer carries `x-served-by: <backend index>` so a test can tell which one answered.
import http from 'node:http';

export function startRoundRobinProxy({ backends, port = 0, host = '127.0.0.1' }) {
	let next = 0;
	const served = backends.map(() => 0);
	const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
	const server = http.createServer((req, res) => {
		const index = next++ % backends.length;
		served[index]++;
		const target = new URL(req.url, backends[index]);
		const upstream = http.request(
			target,
			{ method: req.method, headers: { ...req.headers, host: target.host }, agent },
			(answer) => {
				res.writeHead(answer.statusCode, { ...answer.headers, 'x-served-by': String(index) });
				answer.pipe(res);
			},
		);
		upstream.on('error', (error) => {
			if (!res.headersSent)
				res.writeHead(502, { 'content-type': 'application/json', 'x-served-by': String(index) });
			res.end(JSON.stringify({ error: 'bad_gateway', backend: index, reason: error.message }));
		});
		req.pipe(upstream);
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			const { port: bound } = server.address();
			resolve({
				url: `http://${host}:${bound}`,
				port: bound,
				served,
				stop: () =>
					new Promise((r) => {
						agent.destroy();
						server.closeAllConnections?.();
						server.close(() => r());
					}),
			});
		});
	});
}
