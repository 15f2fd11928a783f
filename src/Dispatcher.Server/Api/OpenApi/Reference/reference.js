// Renders the OpenAPI document named by this script's data-document attribute. Builds the page with
// DOM calls and textContent only: descriptions are shown as text, never parsed as HTML.
(() => {
  "use strict";
  const script = document.currentScript;
  const methods = ["get", "put", "post", "patch", "delete"];

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      node.setAttribute(name, value);
    }
    // Flattened first: a list of rows passed as one child would otherwise become the text "[object HTMLTableRowElement],…".
    return add(node, children.flat(Infinity).map((child) => (child instanceof Node || child === null || child === undefined ? child : String(child))));
  }

  // Node.append would show a null as the text "null": optional parts are left out here instead.
  function add(parent, ...children) {
    parent.append(...children.flat().filter((child) => child !== null && child !== undefined));
    return parent;
  }

  function resolve(doc, schema) {
    const seen = new Set();
    while (schema && schema.$ref && !seen.has(schema.$ref)) {
      seen.add(schema.$ref);
      schema = schema.$ref.replace(/^#\//, "").split("/").reduce((node, key) => node && node[key], doc);
    }
    return schema || {};
  }

  function refName(schema) {
    return schema && schema.$ref ? schema.$ref.split("/").pop() : null;
  }

  function typeOf(doc, schema) {
    if (!schema) {
      return "any";
    }
    const name = refName(schema);
    if (name) {
      return name;
    }
    const type = Array.isArray(schema.type) ? schema.type.join(" | ") : schema.type;
    if (type && type.startsWith("array") && schema.items) {
      return typeOf(doc, schema.items) + "[]";
    }
    if (schema.enum) {
      return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
    }
    return (type || "any") + (schema.format ? ` (${schema.format})` : "");
  }

  function schemaTable(doc, schema) {
    const resolved = resolve(doc, schema);
    const properties = resolved.properties || {};
    if (Object.keys(properties).length === 0) {
      return el("p", {}, el("code", {}, typeOf(doc, schema)));
    }
    const required = new Set(resolved.required || []);
    return el("table", {},
      el("tr", {}, el("th", {}, "field"), el("th", {}, "type"), el("th", {}, "description")),
      Object.entries(properties).map(([name, property]) => el("tr", {},
        el("td", {}, el("code", {}, name), required.has(name) ? " *" : ""),
        el("td", {}, typeOf(doc, property)),
        el("td", {}, resolve(doc, property).description || property.description || ""))));
  }

  function example(value) {
    return value === undefined ? null : el("details", {}, el("summary", {}, "example"), el("pre", {}, JSON.stringify(value, null, 2)));
  }

  function operationId(method, path) {
    return (method + path).replace(/[^A-Za-z0-9]+/g, "-");
  }

  function renderOperation(doc, method, path, op) {
    const section = el("section", { class: "operation", id: operationId(method, path) },
      el("div", {}, el("span", { class: `method ${method}` }, method), el("span", { class: "path" }, path),
        el("span", { class: "summary" }, op.summary || "")),
      op.description ? el("p", {}, op.description) : null);
    if (op.security && op.security.length) {
      add(section, el("p", {}, "Authentication: ", op.security.map((r) => Object.keys(r).join(" + ")).join(" or ")));
    }
    if (op.parameters && op.parameters.length) {
      add(section, el("h4", {}, "Parameters"), el("table", {},
        el("tr", {}, el("th", {}, "name"), el("th", {}, "in"), el("th", {}, "type"), el("th", {}, "description")),
        op.parameters.map((p) => el("tr", {}, el("td", {}, el("code", {}, p.name), p.required ? " *" : ""),
          el("td", {}, p.in), el("td", {}, typeOf(doc, p.schema)), el("td", {}, p.description || "")))));
    }
    const body = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
    if (body) {
      add(section, el("h4", {}, "Request body", op.requestBody.required ? "" : " (optional)"),
        schemaTable(doc, body.schema), example(body.example));
    }
    add(section, el("h4", {}, "Responses"));
    for (const [status, response] of Object.entries(op.responses || {})) {
      const content = response.content && response.content["application/json"];
      add(section, el("div", {}, el("span", { class: "status" }, status), " ", response.description || "",
        content ? el("div", {}, schemaTable(doc, content.schema), example(content.example)) : null));
    }
    return section;
  }

  function render(doc) {
    const toc = document.getElementById("toc");
    const main = document.getElementById("content");
    main.replaceChildren();
    add(main, el("h1", {}, doc.info.title, " ", el("small", {}, doc.info.version)),
      el("p", {}, doc.info.description || ""),
      el("p", {}, "The document itself: ", el("a", { href: script.dataset.document }, script.dataset.document)));
    toc.replaceChildren();
    const byTag = new Map((doc.tags || []).map((t) => [t.name, { tag: t, operations: [] }]));
    for (const [path, item] of Object.entries(doc.paths || {})) {
      for (const method of methods.filter((m) => item[m])) {
        const name = (item[method].tags || ["Other"])[0];
        if (!byTag.has(name)) {
          byTag.set(name, { tag: { name }, operations: [] });
        }
        byTag.get(name).operations.push([method, path, item[method]]);
      }
    }
    for (const { tag, operations } of byTag.values()) {
      if (operations.length === 0) {
        continue;
      }
      add(toc, el("h2", {}, tag.name));
      add(main, el("h2", { class: "tag" }, tag.name), tag.description ? el("p", {}, tag.description) : null);
      for (const [method, path, op] of operations) {
        add(toc, el("a", { href: "#" + operationId(method, path) }, method.toUpperCase(), " ", path));
        add(main, renderOperation(doc, method, path, op));
      }
    }
    const schemes = (doc.components && doc.components.securitySchemes) || {};
    add(main, el("h2", { class: "tag" }, "Authentication"), el("table", {},
      Object.entries(schemes).map(([name, s]) => el("tr", {}, el("td", {}, el("code", {}, name)), el("td", {}, s.description || "")))));
    const schemas = (doc.components && doc.components.schemas) || {};
    add(main, el("h2", { class: "tag" }, "Schemas"));
    for (const [name, schema] of Object.entries(schemas)) {
      add(main, el("h3", { id: "schema-" + name }, name), schema.description ? el("p", {}, schema.description) : null, schemaTable(doc, schema));
    }
  }

  fetch(script.dataset.document, { headers: { Accept: "application/json" } })
    .then((response) => {
      if (!response.ok) {
        throw new Error(`${script.dataset.document} answered ${response.status}`);
      }
      return response.json();
    })
    .then(render)
    .catch((error) => document.getElementById("content").replaceChildren(el("p", { class: "error" }, String(error))));
})();
