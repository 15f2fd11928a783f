// The dashboard's one script. Pages are rendered by the server; this script only (1) sends writes to
// the REST API, with the session's CSRF token, so the API's own rules decide every change, and
// (2) refreshes the regions marked data-live every few seconds. No framework, no CDN.
"use strict";

(() => {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? "";
  const LIVE_EVERY_MS = 2000;

  /** Calls the REST API as this session. Resolves to {status, body}; a lost session goes to sign-in. */
  async function api(method, path, body) {
    const init = { method, credentials: "same-origin", headers: { "X-CSRF-Token": csrf } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    if (response.status === 401) {
      location.assign("/dashboard/sign-in");
      throw new Error("signed out");
    }
    const text = await response.text();
    let parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch { parsed = null; }
    return { status: response.status, ok: response.ok, body: parsed };
  }

  const errorMessage = (result) => result.body?.error?.message ?? `the server answered ${result.status}`;

  // Which field an API error code belongs beside; anything else goes to the form's own error line.
  const FIELD_OF_CODE = {
    INVALID_ENDPOINT: "endpoint",
    INVALID_EVENTS: "events",
    INVALID_SECRET: "secret",
    INVALID_FORMAT: "format",
    INVALID_RATE_LIMIT: "rate",
    INVALID_RETRY_SCHEDULE: "retry",
  };

  function clearErrors(form) {
    for (const line of form.querySelectorAll(".field-error, #form-error")) {
      line.hidden = true;
      line.textContent = "";
    }
    for (const field of form.querySelectorAll("[aria-invalid]")) field.removeAttribute("aria-invalid");
  }

  function showError(form, result) {
    const code = result.body?.error?.code;
    const field = FIELD_OF_CODE[code];
    const line = (field && form.querySelector(`#${field}-error`)) || form.querySelector("#form-error");
    line.textContent = errorMessage(result);
    line.hidden = false;
    const input = line.id === "form-error" ? null : form.querySelector(`[aria-describedby~="${line.id}"]`);
    if (input) {
      input.setAttribute("aria-invalid", "true");
      input.focus();
    } else {
      line.setAttribute("tabindex", "-1");
      line.focus();
    }
  }

  /** "1, 5, 30" → [1, 5, 30]; empty → null; anything else → undefined (not a list of whole seconds). */
  function parseSeconds(text) {
    const trimmed = text.trim();
    if (trimmed === "") return null;
    const parts = trimmed.split(/[\s,]+/).filter(Boolean);
    return parts.every((p) => /^\d+$/.test(p)) ? parts.map(Number) : undefined;
  }

  /** The rate limit fields as the API takes them: both empty → null (the default); one empty → its default. */
  function rateLimitOf(form) {
    const perSecond = form.querySelector("#per-second");
    const burst = form.querySelector("#burst");
    if (perSecond.value === "" && burst.value === "") return null;
    return {
      perSecond: Number(perSecond.value || perSecond.placeholder),
      burst: Number(burst.value || burst.placeholder),
    };
  }

  const checkedEvents = (scope) => [...scope.querySelectorAll('input[name="events"]:checked')].map((box) => box.value);

  const utc = (localValue) => (localValue ? `${localValue.length === 16 ? localValue + ":00" : localValue}Z` : null);

  // ---- Create -------------------------------------------------------------------------------------

  function setUpCreate(form) {
    const format = form.querySelector("#format");
    const ownSecret = form.querySelector("#own-secret");
    const defaultRetries = form.querySelector("[data-default-retries]");

    const showFormat = () => {
      for (const set of form.querySelectorAll("fieldset.events")) set.hidden = set.dataset.format !== format.value;
      defaultRetries.textContent = format.selectedOptions[0]?.dataset.retries ?? "";
    };
    format.addEventListener("change", showFormat);
    showFormat();

    for (const radio of form.querySelectorAll('input[name="secret-mode"]')) {
      radio.addEventListener("change", () => {
        ownSecret.disabled = !form.querySelector("#secret-own").checked;
        if (!ownSecret.disabled) ownSecret.focus();
      });
    }

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      clearErrors(form);
      const retrySchedule = parseSeconds(form.querySelector("#retries").value);
      if (retrySchedule === undefined) {
        showError(form, { body: { error: { code: "INVALID_RETRY_SCHEDULE", message: "Write the delays as whole seconds separated by commas, e.g. 5, 30, 300." } } });
        return;
      }
      const visible = form.querySelector(`fieldset.events[data-format="${format.value}"]`);
      const body = {
        endpoint: form.querySelector("#endpoint").value.trim(),
        format: format.value,
        events: checkedEvents(visible),
      };
      if (!ownSecret.disabled) body.secret = ownSecret.value;
      const rateLimit = rateLimitOf(form);
      if (rateLimit) body.rateLimit = rateLimit;
      if (retrySchedule) body.retrySchedule = retrySchedule;

      const button = form.querySelector('button[type="submit"]');
      button.disabled = true;
      try {
        const result = await api("POST", "/v1/webhooks", body);
        if (!result.ok) {
          showError(form, result);
          return;
        }
        showCreated(form, result.body);
      } finally {
        button.disabled = false;
      }
    });
  }

  function showCreated(form, webhook) {
    form.hidden = true;
    const created = document.querySelector("#created");
    created.hidden = false;
    created.querySelector("#secret").value = webhook.secret;
    created.querySelector("#open-webhook").href = `/dashboard/webhooks/${encodeURIComponent(webhook.id)}`;
    created.querySelector("h2").setAttribute("tabindex", "-1");
    created.querySelector("h2").focus();
    const result = created.querySelector("#test-result");
    if (form.dataset.testEvent !== "on") {
      result.textContent = "not sent (test events on create are turned off here)";
      return;
    }
    watchTestEvent(webhook.id, result);
  }

  /** Shows the test event's first attempt once the log has it (the log is the one place results are kept). */
  function watchTestEvent(webhookId, target) {
    const started = Date.now();
    const poll = async () => {
      const result = await api("GET", `/v1/webhooks/${encodeURIComponent(webhookId)}/deliveries?eventType=webhook.test&limit=1`);
      const attempt = result.ok ? result.body?.data?.[0] : null;
      if (attempt) {
        const status = attempt.statusCode ?? "no response";
        target.textContent = `${status} ${attempt.outcome}${attempt.error ? ` (${attempt.error})` : ""}`;
        target.dataset.outcome = attempt.outcome;
        return;
      }
      if (Date.now() - started > 120000) {
        target.textContent = "no answer yet: see the webhook's delivery log";
        return;
      }
      setTimeout(poll, 1000);
    };
    poll();
  }

  // ---- A webhook's page ---------------------------------------------------------------------------

  function setUpWebhookActions(bar) {
    const id = encodeURIComponent(bar.dataset.webhookActions);
    const said = document.querySelector("#action-result");
    const say = (text) => { said.textContent = text; };

    bar.addEventListener("click", async (event) => {
      const button = event.target.closest("button[data-action]");
      if (!button) return;
      const action = button.dataset.action;
      if (action === "delete") {
        document.querySelector("#confirm-delete").showModal();
        return;
      }
      button.disabled = true;
      try {
        if (action === "test") {
          const result = await api("POST", `/v1/webhooks/${id}/test`);
          say(result.ok ? `Test event ${result.body.id} queued; it appears in the log below.` : errorMessage(result));
        } else if (action === "disable" || action === "enable") {
          const result = await api("POST", `/v1/webhooks/${id}/${action}`);
          if (!result.ok) {
            say(errorMessage(result));
            return;
          }
          const next = action === "disable" ? "enable" : "disable";
          button.dataset.action = next;
          button.textContent = next === "enable" ? "Enable" : "Disable";
          say(action === "disable" ? "Disabled: nothing is sent until you enable it." : "Enabled: deliveries resume.");
          refreshLive();
        } else if (action === "rotate") {
          const result = await api("POST", `/v1/webhooks/${id}/rotate-secret`, {});
          if (!result.ok) {
            say(errorMessage(result));
            return;
          }
          const rotated = document.querySelector("#rotated");
          rotated.hidden = false;
          rotated.querySelector("#rotated-secret").value = result.body.secret;
          const until = result.body.previousSecretExpiresAt;
          rotated.querySelector("#overlap").textContent = until
            ? `The previous secret also signs until ${formatTime(until)}: deliveries carry both signatures until then, so you can switch your receiver without losing any.`
            : "The previous secret no longer signs.";
          say("Secret rotated.");
        }
      } finally {
        button.disabled = false;
      }
    });

    const dialog = document.querySelector("#confirm-delete");
    dialog?.addEventListener("close", async () => {
      if (dialog.returnValue !== "delete") return;
      const result = await api("DELETE", `/v1/webhooks/${id}`);
      if (result.ok || result.status === 404) {
        location.assign("/dashboard");
      } else {
        say(errorMessage(result));
      }
    });
  }

  function setUpSettings(form) {
    const id = encodeURIComponent(form.dataset.webhook);
    const said = form.querySelector("#settings-result");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      clearErrors(form);
      said.textContent = "";
      const retrySchedule = parseSeconds(form.querySelector("#retries").value);
      if (retrySchedule === undefined) {
        showError(form, { body: { error: { code: "INVALID_RETRY_SCHEDULE", message: "Write the delays as whole seconds separated by commas, e.g. 5, 30, 300." } } });
        return;
      }
      const body = { events: checkedEvents(form), rateLimit: rateLimitOf(form), retrySchedule };
      const result = await api("PATCH", `/v1/webhooks/${id}`, body);
      if (!result.ok) {
        showError(form, result);
        return;
      }
      said.textContent = "Saved";
      refreshLive();
    });
  }

  function setUpRecover(form) {
    const id = encodeURIComponent(form.dataset.webhook);
    const said = form.querySelector("#recover-result");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const since = utc(form.querySelector("#recover-since").value);
      if (!since) {
        said.textContent = "Pick a time: every delivery that failed since then is sent again.";
        return;
      }
      const result = await api("POST", `/v1/webhooks/${id}/recover`, { since });
      if (!result.ok) {
        said.textContent = errorMessage(result);
        return;
      }
      const r = result.body;
      const notRecovered = Object.entries(r.notRecovered ?? {}).filter(([, n]) => n > 0).map(([why, n]) => `${n} ${why}`);
      said.textContent = `${r.queued} queued again; ${r.alreadyDelivered} already delivered since` +
        (notRecovered.length ? `; not recovered: ${notRecovered.join(", ")}.` : ".");
      refreshLive();
    });
  }

  function setUpReplay(button) {
    const said = document.querySelector("#replay-result");
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        const path = `/v1/webhooks/${encodeURIComponent(button.dataset.replay)}/deliveries/${encodeURIComponent(button.dataset.delivery)}/replay`;
        const result = await api("POST", path);
        said.textContent = result.ok ? "Replay queued: its attempt appears below when it comes back." : errorMessage(result);
        refreshLive();
      } finally {
        button.disabled = false;
      }
    });
  }

  function setUpChartWindows() {
    const region = document.querySelector('[data-live="Chart"]');
    for (const button of document.querySelectorAll("[data-chart-window]")) {
      button.addEventListener("click", async () => {
        region.dataset.chartWindowCurrent = button.dataset.chartWindow;
        for (const other of document.querySelectorAll("[data-chart-window]")) {
          other.setAttribute("aria-pressed", String(other === button));
        }
        await refreshRegion(region);
      });
    }
  }

  function setUpCopy(button) {
    button.addEventListener("click", async () => {
      const input = document.getElementById(button.dataset.copy);
      input.select();
      try {
        await navigator.clipboard.writeText(input.value);
      } catch {
        // Plain HTTP pages have no async clipboard; the selection is still there to copy by hand.
        document.execCommand?.("copy");
      }
      button.textContent = "Copied";
      setTimeout(() => { button.textContent = "Copy"; }, 2000);
    });
  }

  const formatTime = (iso) => new Date(iso).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");

  // ---- Live regions -------------------------------------------------------------------------------

  /** Asks this page's server handler for one region's fresh HTML; replaces it only when it changed. */
  async function refreshRegion(region) {
    const url = new URL(location.href);
    url.searchParams.set("handler", region.dataset.live);
    if (region.dataset.chartWindowCurrent) url.searchParams.set("window", region.dataset.chartWindowCurrent);
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (response.redirected && new URL(response.url).pathname.startsWith("/dashboard/sign-in")) {
      location.assign("/dashboard/sign-in");
      return;
    }
    if (response.status === 404) {
      // The webhook or delivery is gone (deleted, perhaps in another tab): back to the list.
      location.assign("/dashboard");
      return;
    }
    if (!response.ok) return;
    // Compared as the browser serialises both, so an unchanged region is never replaced (which would
    // move a reader's focus or a pointer on its way to a link).
    const fresh = document.createElement("template");
    fresh.innerHTML = await response.text();
    if (normalise(fresh.innerHTML) === normalise(region.innerHTML)) return;
    // Keep focus where it is: replace only when nothing inside the region has it.
    if (!region.contains(document.activeElement) || document.activeElement === document.body) {
      region.replaceChildren(fresh.content);
      syncStatusToggle();
    }
  }

  /** The Disable/Enable button follows the status shown, also when it changed elsewhere (another tab, the API, a 410). */
  function syncStatusToggle() {
    const status = document.querySelector("#status[data-status]")?.dataset.status;
    const button = document.querySelector('[data-webhook-actions] button[data-action="enable"], [data-webhook-actions] button[data-action="disable"]');
    if (!status || !button) return;
    const next = status === "disabled" ? "enable" : "disable";
    button.dataset.action = next;
    button.textContent = next === "enable" ? "Enable" : "Disable";
  }

  const normalise = (html) => html.replace(/\s+/g, " ").replace(/> </g, "><").trim();

  let refreshing = false;
  async function refreshLive() {
    if (refreshing || document.hidden) return;
    refreshing = true;
    try {
      for (const region of document.querySelectorAll("[data-live]")) await refreshRegion(region);
    } catch {
      // A failed poll (server restarting, network gone) is simply tried again at the next tick.
    } finally {
      refreshing = false;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-create-webhook]").forEach(setUpCreate);
    document.querySelectorAll("[data-webhook-actions]").forEach(setUpWebhookActions);
    document.querySelectorAll("form#settings").forEach(setUpSettings);
    document.querySelectorAll("form#recover").forEach(setUpRecover);
    document.querySelectorAll("[data-replay]").forEach(setUpReplay);
    document.querySelectorAll("[data-copy]").forEach(setUpCopy);
    setUpChartWindows();
    if (document.querySelector("[data-live]")) setInterval(refreshLive, LIVE_EVERY_MS);
  });
})();
