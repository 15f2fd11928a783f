// Runs the reference page's script (argv[2]) against a document (argv[3]) with the few DOM calls it
// uses, and prints what it rendered as JSON. Node's own append would show a null child as "null":
// this one does the same, so a part the page forgot to leave out shows up in the text.
import fs from "node:fs";

class FakeNode {
  constructor(tag) { this.tag = tag; this.children = []; this.attrs = {}; }
  append(...children) { this.children.push(...children.map((c) => (c instanceof FakeNode ? c : String(c)))); }
  replaceChildren(...children) { this.children = []; this.append(...children); }
  setAttribute(name, value) { this.attrs[name] = String(value); }
  get text() { return this.children.map((c) => (typeof c === "string" ? c : c.text)).join(" "); }
  all(tag) { return [...(this.tag === tag ? [this] : []), ...this.children.filter((c) => c instanceof FakeNode).flatMap((c) => c.all(tag))]; }
}

const toc = new FakeNode("nav");
const content = new FakeNode("main");
const doc = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
globalThis.Node = FakeNode;
globalThis.document = {
  currentScript: { dataset: { document: "/openapi/v1.json" } },
  createElement: (tag) => new FakeNode(tag),
  getElementById: (id) => (id === "toc" ? toc : content),
};
globalThis.fetch = async () => ({ ok: true, status: 200, json: async () => doc });
await import(new URL("file://" + process.argv[2]).href);
await new Promise((resolve) => setTimeout(resolve, 100));
const strings = (node) => node.children.flatMap((c) => (typeof c === "string" ? [c] : strings(c)));
console.log(JSON.stringify({
  operations: content.all("section").map((s) => s.attrs.id),
  links: toc.all("a").length,
  schemas: content.all("h3").map((h) => h.text),
  nullTexts: strings(content).filter((s) => s === "null" || s === "undefined").length,
  // A list of nodes turned into text ("[object …],[object …]") instead of being appended.
  objectTexts: strings(content).filter((s) => s.includes("[object ")).length,
  errors: content.all("p").filter((p) => p.attrs.class === "error").map((p) => p.text),
}));
