"use strict";
// Shared by the pages: calls to the app's own API with the login's CSRF token, and the account picker.

const textback = (() => {
  // The same header on every page: the name, the account picker and the navigation; links keep the chosen account.
  const PAGES = [
    {id: "settings-link", label: "Settings", path: "/"},
    {id: "calls-link", label: "Calls", path: "/calls.html"},
    {id: "conversations-link", label: "Conversations", path: "/conversations.html"},
    {id: "funnel-link", label: "Funnel", path: "/funnel.html"},
    {id: "outbox-link", label: "Outbox", path: "/outbox.html"}
  ];

  function renderHeader() {
    const bar = document.querySelector("header.bar");
    if (!bar) {
      return;
    }
    const select = Object.assign(document.createElement("select"), {id: "account"});
    const picker = Object.assign(document.createElement("label"), {className: "account-picker"});
    picker.append("Account ", select);
    const nav = document.createElement("nav");
    nav.setAttribute("aria-label", "Pages");
    bar.replaceChildren(Object.assign(document.createElement("strong"), {className: "brand", textContent: "Textback"}),
      picker, nav);
    const here = location.pathname === "/index.html" ? "/" : location.pathname;
    for (const p of PAGES) {
      const a = Object.assign(document.createElement("a"), {id: p.id, href: p.path, textContent: p.label});
      a.dataset.page = p.path;
      if (p.path === here) {
        a.setAttribute("aria-current", "page");
      }
      nav.append(a);
    }
    nav.append(Object.assign(document.createElement("a"), {
      id: "cockpit-link", href: "/camunda/app/cockpit/default/", textContent: "Cockpit"
    }));
    nav.append(Object.assign(document.createElement("button"), {
      type: "button", className: "link", id: "logout", textContent: "Log out"
    }));
  }

  renderHeader();

  function csrfToken() {
    const cookie = document.cookie.split("; ").find(c => c.startsWith("XSRF-TOKEN="));
    return cookie ? decodeURIComponent(cookie.substring("XSRF-TOKEN=".length)) : "";
  }

  /**
   * Calls the API; resolves with {ok, status, body} and never throws on an HTTP error. An error's body
   * is problem details (RFC 9457): {type, title, status, detail, instance}, plus errors: [{field, reason}]
   * when fields are wrong.
   */
  async function api(method, path, body) {
    const headers = {"Accept": "application/json, application/problem+json"};
    if (method !== "GET") {
      headers["X-XSRF-TOKEN"] = csrfToken();
    }
    let payload;
    if (body instanceof FormData) {
      payload = body;
    } else if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const response = await fetch(path, {method, headers, body: payload, credentials: "same-origin"});
    if (response.status === 401) {
      location.href = "/login";
    }
    const text = await response.text();
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch (e) {
      parsed = {detail: text};
    }
    return {ok: response.ok, status: response.status, body: parsed};
  }

  // Several scripts of one page ask for the account; the picker is filled once.
  let picked;
  /** Runs a page's code once it is loaded and an account is picked; without an account there is nothing to show. */
  function onAccountPage(run) {
    document.addEventListener("DOMContentLoaded", async () => {
      const account = await pickAccount();
      if (account) {
        await run(account, id => document.getElementById(id));
      }
    });
  }

  function pickAccount() {
    picked = picked || fillPicker();
    return picked;
  }

  /** The account named in ?account=, else the first one; fills the picker. */
  async function fillPicker() {
    const accounts = (await api("GET", "/api/accounts")).body || [];
    const wanted = new URLSearchParams(location.search).get("account");
    const current = accounts.find(a => a.id === wanted) || accounts[0];
    const picker = document.getElementById("account");
    for (const a of accounts) {
      picker.add(new Option(a.businessName + " (" + a.id + ")", a.id, false, a === current));
    }
    if (current) {
      for (const a of document.querySelectorAll("header.bar nav a[data-page]")) {
        a.href = a.dataset.page + "?account=" + encodeURIComponent(current.id);
      }
    }
    picker.addEventListener("change", () => {
      location.search = "?account=" + encodeURIComponent(picker.value);
    });
    return current;
  }

  /** The fields a failed call names, [{field, reason}]; empty when it failed for another reason or succeeded. */
  function fieldErrors(result) {
    return !result.ok && result.body && Array.isArray(result.body.errors) ? result.body.errors : [];
  }

  /** Shows each {field, reason} next to its field and clears the others in the scope; says how many it showed. */
  function showErrors(scope, errors) {
    let shown = 0;
    for (const p of scope.querySelectorAll("[data-error-for]")) {
      const mine = (errors || []).filter(e => e.field === p.dataset.errorFor);
      p.textContent = mine.map(e => e.reason).join("; ");
      shown += mine.length;
      const input = document.getElementById(p.dataset.errorFor);
      if (input) {
        input.setAttribute("aria-invalid", mine.length > 0 ? "true" : "false");
      }
    }
    return shown;
  }

  /** What went wrong, for a person: the problem's detail, else its title, else the status. */
  function describeFailure(result) {
    return (result.body && (result.body.detail || result.body.title)) || ("HTTP " + result.status);
  }

  /** After a failed save: point at the fields marked next to the form, or say what went wrong. */
  function notSaved(result, shown) {
    return shown > 0 ? "Not saved: please fix the fields marked above." : "Not saved: " + describeFailure(result);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const logout = document.getElementById("logout");
    if (logout) {
      logout.addEventListener("click", () => {
        const form = document.createElement("form");
        form.method = "post";
        form.action = "/logout";
        form.append(Object.assign(document.createElement("input"), {type: "hidden", name: "_csrf", value: csrfToken()}));
        document.body.append(form);
        form.submit();
      });
    }
  });

  /** A moment as the owner reads it, in the browser's time zone. */
  function when(iso) {
    return iso ? new Date(iso).toLocaleString([], {dateStyle: "medium", timeStyle: "short"}) : "";
  }

  return {api, pickAccount, onAccountPage, fieldErrors, showErrors, describeFailure, notSaved, when};
})();
