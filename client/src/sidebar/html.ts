// The review sidebar's page. Nothing runs or loads but the files named here: the CSP allows no source
// by default, styles and fonts from the extension's own out/ folder, and only the script carrying this
// page's nonce. Free of the vscode API so tests can read the page.

export interface PageParts {
  /** webview.cspSource */
  cspSource: string;
  /** Fresh for every page: crypto.randomBytes, base64. */
  nonce: string;
  script: string;
  style: string;
  codicons: string;
}

export function sidebarHtml(p: PageParts): string {
  const csp = [
    "default-src 'none'",
    `style-src ${p.cspSource}`,
    `font-src ${p.cspSource}`,
    `img-src ${p.cspSource}`,
    `script-src 'nonce-${p.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${p.codicons}" rel="stylesheet">
<link href="${p.style}" rel="stylesheet">
<title>Migration review</title>
</head>
<body>
<main id="migration-guard-review" aria-live="polite" aria-busy="false"></main>
<script nonce="${p.nonce}" src="${p.script}"></script>
</body>
</html>`;
}
