// Draws every mermaid block with the copy of mermaid the site carries (node_modules/mermaid), in
// the theme the system asks for. securityLevel "strict" keeps diagram labels from running script.
const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: dark ? 'dark' : 'default' });
mermaid.run({ querySelector: 'pre.mermaid' });
