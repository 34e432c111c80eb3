/**
 * A readable page for the OpenAPI document, rendered on the server into one self-contained HTML
 * file: no script, no CDN, nothing fetched, so that it works on an isolated network.
 */
const escape = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const json = (v: unknown) => `<pre>${escape(JSON.stringify(v, null, 2))}</pre>`;

interface Operation {
  summary: string;
  description: string;
  tags: string[];
  parameters: { name: string; in: string; required: boolean; schema: unknown }[];
  requestBody?: { content: { 'application/json': { schema: unknown; example?: unknown } } };
  responses: Record<string, unknown>;
}

function section(method: string, path: string, op: Operation): string {
  const params = op.parameters.length
    ? `<table><tr><th>name</th><th>in</th><th>required</th><th>schema</th></tr>${op.parameters
        .map(
          (p) =>
            `<tr><td><code>${escape(p.name)}</code></td><td>${p.in}</td><td>${p.required ? 'yes' : 'no'}</td><td><code>${escape(JSON.stringify(p.schema))}</code></td></tr>`,
        )
        .join('')}</table>`
    : '';
  const body = op.requestBody?.content['application/json'];
  const id = `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-');
  return `<section id="${id}"><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>
<p>${escape(op.summary)}. <em>${escape(op.description)}</em></p>${params}
${body ? `<details><summary>Request body schema</summary>${json(body.schema)}</details>` : ''}
${body?.example === undefined ? '' : `<details><summary>Example</summary>${json(body.example)}</details>`}
<p>Success: <code>${Object.keys(op.responses)[0] ?? ''}</code>; errors: <code>application/problem+json</code>.</p></section>`;
}

export function docsPage(doc: Record<string, unknown>): string {
  const paths = doc['paths'] as Record<string, Record<string, Operation>>;
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(paths))
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), section(method, path, op)]);
    }
  const info = doc['info'] as { title: string; description: string };
  const toc = [...byTag.keys()].map((t) => `<li><a href="#${escape(t)}">${escape(t)}</a></li>`).join('');
  const body = [...byTag].map(([t, s]) => `<h2 id="${escape(t)}">${escape(t)}</h2>${s.join('')}`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(info.title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
code,pre{font:13px ui-monospace,monospace}pre{background:#f5f5f5;padding:.5rem;overflow:auto}
section{border-top:1px solid #ddd;padding:.5rem 0}.m{display:inline-block;min-width:4rem;color:#fff;padding:0 .3rem;border-radius:3px;font-size:13px}
.get{background:#2a6}.post{background:#26a}.delete{background:#a33}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left}</style>
</head><body><h1>${escape(info.title)}</h1><p>${escape(info.description)}</p>
<p>Machine-readable: <a href="openapi.json">openapi.json</a> (OpenAPI 3.1).</p><ul>${toc}</ul>${body}</body></html>`;
}
