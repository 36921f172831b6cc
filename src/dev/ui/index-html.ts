/**
 * The viewer's HTML shell; the script renders everything into <main id="app">.
 *
 * Browser code kept as a string so the package needs no asset copying; it is plain ES2017 without
 * template literals (the string is a `String.raw` template). A test parses the assembled script.
 *
 * @module
 */

/** The viewer's HTML shell; the script renders everything into <main id="app">.. */
export const INDEX_HTML = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tracewise · local traces</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<header class="topbar">
  <a class="brand" href="#/"><span class="brand-mark">◆</span> Tracewise <span class="brand-sub">local</span></a>
  <nav class="topnav"><a href="#/">Traces</a></nav>
  <span class="topbar-info" id="endpoint"></span>
</header>
<main id="app"></main>
<script src="/assets/app.js"></script>
</body>
</html>
`;
