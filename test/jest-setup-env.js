// n8n-core logs every node error it runs into (many tests make errors on purpose). Those logs
// are noise in a passing run; N8N_LOG_LEVEL=debug npx jest ... shows them again.
process.env.N8N_LOG_LEVEL ??= 'silent';
