// Tebiki's interactive checker. It enhances a guide page: the page works
// without it (the static question pages stay linked).
//
// What it reads from the page, all written by the generator:
//   - .checker-rules: the procedure in the core's wire format
//     (wasm/decide/wire.go), texts in the page's language;
//   - .checker-ui: the theme's UI strings in the page's language;
//   - one <template data-path> per path: the outcome, rendered with the same
//     blocks as the static outcome page, so both show the same thing.
//
// The first question is drawn from the rules alone. The WebAssembly core,
// which decides everything after it, is fetched on the first answer (or
// when the resident moves into the checker, or opens a link with answers):
// a reader who never answers downloads no WebAssembly.
//
// Answers stay in the browser; the only place they are written is the URL
// fragment (after #), which browsers never send to a server.

interface Text { ja?: string; en?: string }
interface Clause { q: string; a?: string[] }
interface Question { id: string; kind?: string; text?: Text; help?: Text; ask_if?: Clause[]; answers?: { id: string; label?: Text }[] }
interface Rules { window_months?: number; questions?: Question[] }
// Step is the core's decide.Step; ExpiryStep its decide.ExpiryStep.
interface Step { error?: string; asked?: [string, string][]; next?: string; outcome?: string; path?: string; fragment?: string; dropped?: boolean }
interface ExpiryStep { error?: string; expiry?: string; opens?: string; status?: string }
interface Core {
  load(rules: string): string;
  step(h: number, fragment: string): string;
  expiry(printed: string, issued: string, birthday: string, stayUntil: string, today: string, months: number): string;
}

declare global {
  interface Window { tebikiCore?: Core; tebikiCoreReady?: () => void; tebikiWasm?: string; Go?: new () => { importObject: WebAssembly.Imports; run(i: WebAssembly.Instance): Promise<void> } }
}

type Answers = Record<string, string>;

const root = document.querySelector<HTMLElement>("[data-checker]");
if (root) setup(root);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...kids: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const k of kids) e.append(k);
  return e;
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = el("script", { src });
    s.onload = () => resolve();
    s.onerror = () => reject(new Error("cannot load " + src));
    document.head.append(s);
  });
}

let corePromise: Promise<Core> | undefined;

function loadCore(r: HTMLElement): Promise<Core> {
  if (corePromise) return corePromise;
  corePromise = (async () => {
    await loadScript(r.dataset.exec!);
    const go = new window.Go!();
    let inst: WebAssembly.Instance;
    if (location.protocol === "file:") {
      // Browsers refuse fetch() from disk; the bytes come in a script instead.
      await loadScript(r.dataset.wasmJs!);
      const bin = atob(window.tebikiWasm!);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      inst = (await WebAssembly.instantiate(bytes, go.importObject)).instance;
    } else {
      const resp = fetch(r.dataset.wasm!);
      try {
        inst = (await WebAssembly.instantiateStreaming(resp, go.importObject)).instance;
      } catch {
        // A server without the application/wasm type: fall back to bytes.
        const buf = await (await fetch(r.dataset.wasm!)).arrayBuffer();
        inst = (await WebAssembly.instantiate(buf, go.importObject)).instance;
      }
    }
    const ready = new Promise<void>((res) => (window.tebikiCoreReady = res));
    void go.run(inst);
    await ready;
    return window.tebikiCore!;
  })();
  return corePromise;
}

// isCheckHash tells whether the page address carries checker answers. The
// fragment itself is read by the core (decide.ParseFragment), which accepts
// any text: a shared link may be cut short, edited or hostile.
function isCheckHash(): boolean {
  return location.hash.startsWith("#check=");
}

// fragmentOf writes answers as the core reads them (decide.FragmentOf).
function fragmentOf(a: Answers): string {
  return "#check=" + Object.entries(a).map(([q, v]) => q + ":" + v).join(",");
}

function setup(r: HTMLElement) {
  const rulesText = r.querySelector(".checker-rules")!.textContent!;
  const rules: Rules = JSON.parse(rulesText);
  const questions = rules.questions ?? [];
  const ui: Record<string, string> = JSON.parse(r.querySelector(".checker-ui")!.textContent!);
  // The code of the page's language (tebiki.yaml), the key of the texts.
  const lang = r.dataset.lang ?? "";
  const T = (k: string, ...args: (string | number)[]) => {
    let i = 0;
    return (ui[k] ?? k).replace(/%[sd]/g, () => String(args[i++] ?? ""));
  };
  const tx = (t?: Text) => (t ? t[lang] ?? "" : "");
  // A date (YYYY-MM-DD) as the page's language writes it: the theme's
  // pattern fmt.date.ymd, the same the generator uses.
  const fmtDate = (iso: string) => {
    const [y, m, d] = iso.split("-").map(Number);
    const slots: Record<string, string> = { y: String(y), m: String(m), d: String(d), month: ui[`fmt.month.${m}`] ?? String(m) };
    return (ui["fmt.date.ymd"] ?? "{y}-{m}-{d}").replace(/\{(\w+)\}/g, (all, k: string) => slots[k] ?? all);
  };
  // noReadings is a copy of rendered text without the readings of its kanji
  // (<rt>, on pages with furigana): what the live region says and the print
  // head shows, so that a word is not said twice.
  const noReadings = (n: Node): Node => {
    const c = n.cloneNode(true);
    if (c instanceof Element || c instanceof DocumentFragment) c.querySelectorAll("rt, rp").forEach((e) => e.remove());
    return c;
  };
  const plainText = (e: Element | null) => (e ? noReadings(e).textContent ?? "" : "");
  // Tn is T with its one %s filled by rendered nodes.
  const Tn = (k: string, n: Node): DocumentFragment => {
    const f = document.createDocumentFragment();
    const [before, ...after] = (ui[k] ?? k).split("%s");
    f.append(before, n, after.join("%s"));
    return f;
  };
  const questionOf = (id: string) => questions.find((q) => q.id === id);
  // shown is a question's text (part "text" or "help") or an answer's
  // label as the generator rendered it in the page's <template
  // data-question>: the same as on the static pages, with the phrase breaks
  // (<wbr>) of Japanese and the lang="ja" marks of Japanese in English. The
  // wire rules' plain text is the fallback.
  const shown = (qid: string, sel: string, plain: string): Node => {
    const part = r.querySelector<HTMLTemplateElement>(`template[data-question="${CSS.escape(qid)}"]`)?.content.querySelector(sel);
    if (!part) return document.createTextNode(plain);
    const f = document.createDocumentFragment();
    part.childNodes.forEach((n) => f.append(n.cloneNode(true)));
    return f;
  };
  const qText = (qid: string) => shown(qid, '[data-part="text"]', tx(questionOf(qid)?.text));
  const aLabel = (qid: string, aid: string) => shown(qid, `[data-answer="${CSS.escape(aid)}"]`, tx(questionOf(qid)?.answers?.find((a) => a.id === aid)?.label));

  const status = el("p", { class: "checker-status", role: "status", "aria-live": "polite" });
  const form = el("form", { class: "checker-form", novalidate: "" });
  const result = el("div", { class: "checker-result" });
  const summary = el("div", { class: "checker-summary" });
  // Said when a link's fragment could not be read in full.
  const notice = el("p", { class: "callout checker-notice" });
  notice.hidden = true;
  const heading = el("h2", { id: "checker-h" }, T("checker.title"));
  const panel = el("section", { class: "checker-panel", "aria-labelledby": "checker-h" },
    heading, el("p", {}, T("checker.intro")), notice, status, form, result, summary);
  r.append(panel);
  r.hidden = false;

  let core: Core | undefined;
  let handle = -1;
  let failed = false;
  let answers: Answers = {};
  let lastOpens: string | undefined;
  let pointer = false;
  form.addEventListener("pointerdown", () => (pointer = true));
  form.addEventListener("submit", (e) => {
    // Enter in a question acts as its Continue button.
    e.preventDefault();
    const fs = (document.activeElement as HTMLElement | null)?.closest("fieldset[data-q]");
    fs?.querySelector<HTMLButtonElement>("button.next")?.click();
  });
  form.addEventListener("keydown", () => (pointer = false));
  // Moving into the checker is a sign it will be used: start fetching,
  // quietly (a "Loading" line appearing under the pointer would move what
  // is being clicked).
  form.addEventListener("focusin", () => void ensureCore(false));

  // The step-by-step pages stay available, as a plain link now.
  const startLink = r.parentElement?.querySelector<HTMLAnchorElement>(".start a");
  const startText = startLink?.textContent ?? "";
  if (startLink) { startLink.classList.remove("button"); startLink.textContent = T("checker.static_link"); }

  // ensureCore loads the WebAssembly core once; it resolves to false when
  // it cannot be loaded, and the page falls back to the static pages.
  async function ensureCore(announce = true): Promise<boolean> {
    if (core) return true;
    if (failed) return false;
    if (announce) status.textContent = T("checker.loading");
    try {
      const c = await loadCore(r);
      if (!core) {
        const res = JSON.parse(c.load(rulesText)) as { handle?: number; error?: string };
        if (typeof res.handle !== "number") throw new Error(res.error);
        core = c;
        handle = res.handle;
        r.dataset.core = "ready";
        if (status.textContent === T("checker.loading")) status.textContent = "";
      }
      return true;
    } catch (e) {
      if (!failed) {
        failed = true;
        status.textContent = T("checker.failed");
        form.replaceChildren();
        result.replaceChildren();
        summary.replaceChildren();
        if (startLink) { startLink.classList.add("button"); startLink.textContent = startText; }
        console.warn("tebiki checker:", e);
      }
      return false;
    }
  }

  // step asks the core where the answers lead. Before the core is there,
  // only the first question can be drawn: the first one asked
  // unconditionally, as the core would (an ask_if needs earlier answers).
  function step(): Step {
    if (!core) {
      const q = questions.find((q) => !q.ask_if || q.ask_if.length === 0);
      return { asked: [], next: q ? q.id : undefined };
    }
    return JSON.parse(core.step(handle, fragmentOf(answers))) as Step;
  }

  window.addEventListener("popstate", (e) => {
    const st = e.state as { tebiki?: Answers } | null;
    if (st && st.tebiki) answers = { ...st.tebiki };
    else if (isCheckHash()) { void fromHash(); return; }
    else if (location.hash === "") answers = {};
    else return; // an ordinary in-page link
    render(null);
  });

  // fromHash takes the answers from the page address: the core keeps what
  // names a question and one of its answers; if anything else was there, the
  // resident is told, in the page's language, and carries on from the first
  // open question. The address is rewritten to what was kept.
  async function fromHash() {
    if (!(await ensureCore())) return;
    const st = JSON.parse(core!.step(handle, location.hash)) as Step;
    answers = {};
    for (const [q, a] of st.asked ?? []) answers[q] = a;
    if (st.dropped || st.error) {
      notice.textContent = T("checker.bad_link");
      notice.hidden = false;
    } else notice.hidden = true;
    const res = render(null);
    if (res && (st.dropped || st.error)) history.replaceState({ tebiki: answers }, "", "#" + (res.fragment ?? "check="));
  }

  // answer records an answer and moves on once the core is there.
  async function commit(focusAfter: string | null) {
    if (!(await ensureCore())) return;
    const res = render(focusAfter);
    if (!res) return;
    const target = "#" + res.fragment;
    if (location.hash !== target) history.pushState({ tebiki: answers }, "", target);
  }

  // render draws the asked questions, the next one or the result, and says
  // in the live region where things stand now. When focusAfter names a
  // question, focus moves to what follows it.
  function render(focusAfter: string | null): Step | null {
    if (failed) return null;
    const res = step();
    if (res.error) { status.textContent = T("checker.failed"); return null; }
    // Redrawing replaces the focused control (an arrow key in a radio group
    // answers, and redraws, at once): put focus back on its replacement.
    const active = document.activeElement;
    const keep = active instanceof HTMLElement && form.contains(active) ? active.id : "";
    const open = form.querySelector<HTMLDetailsElement>("details.expiry-helper[open]") !== null;
    form.replaceChildren();
    for (const [q] of res.asked ?? []) form.append(fieldset(q));
    if (res.next) form.append(fieldset(res.next));
    if (open) form.querySelector<HTMLDetailsElement>("details.expiry-helper")?.setAttribute("open", "");
    result.replaceChildren();
    summary.replaceChildren();
    let title: Node = document.createTextNode("");
    if (res.outcome) title = drawOutcome(res);
    // The live region says the current state, and only that.
    if (res.outcome) status.replaceChildren(Tn("checker.ready", noReadings(title)));
    else if (res.next && (res.asked ?? []).length > 0) status.replaceChildren(Tn("checker.next", noReadings(qText(res.next))));
    else if (status.textContent !== T("checker.loading")) status.textContent = "";
    if (focusAfter) {
      const target = res.outcome ? result.querySelector<HTMLElement>("h3") : form.querySelector<HTMLElement>(`[data-q="${res.next}"] legend`);
      target?.focus();
    } else if (keep) {
      document.getElementById(keep)?.focus();
    }
    carryToOtherLanguage(core && (res.asked ?? []).length ? "#" + res.fragment : "");
    return res;
  }

  // The language switch opens the other language's guide page with the
  // same answers: the procedure and its IDs are the same.
  function carryToOtherLanguage(hash: string) {
    document.querySelectorAll<HTMLAnchorElement>(".lang-switch a[href]").forEach((a) => {
      a.setAttribute("href", a.getAttribute("href")!.split("#")[0] + hash);
    });
  }

  function fieldset(qid: string): HTMLFieldSetElement {
    const q = questionOf(qid) ?? { id: qid };
    const fs = el("fieldset", { "data-q": qid, class: "checker-q" });
    const legend = el("legend", { tabindex: "-1" }, qText(qid));
    fs.append(legend);
    if (tx(q.help)) fs.append(el("p", { class: "hint", id: `hint-${qid}` }, shown(qid, '[data-part="help"]', tx(q.help))));
    const list = el("div", { class: "choices" });
    for (const a of q.answers ?? []) {
      const id = `q-${qid}-${a.id}`;
      const input = el("input", { type: "radio", name: qid, value: a.id, id });
      if (answers[qid] === a.id) input.checked = true;
      input.addEventListener("change", () => {
        answers[qid] = a.id;
        if (pointer) {
          void commit(qid);
        } else {
          // Arrow keys move through the answers: redraw, but leave history
          // and focus alone until the resident continues.
          void ensureCore().then((ok) => {
            if (!ok) return;
            const res = render(null);
            if (res) history.replaceState({ tebiki: answers }, "", "#" + res.fragment);
          });
        }
      });
      list.append(el("div", { class: "choice" }, input, el("label", { for: id }, aLabel(qid, a.id))));
    }
    fs.append(list);
    if (q.kind === "expiry") fs.append(expiryHelper(qid));
    const next = el("button", { type: "submit", class: "button next" }, T("checker.continue"));
    fs.append(next);
    next.addEventListener("click", (e) => {
      e.preventDefault();
      if (answers[qid]) void commit(qid);
      else { status.textContent = T("checker.choose"); legend.focus(); }
    });
    return fs;
  }

  // expiryHelper works the answer out from a date the resident knows. Dates
  // stay in this page: they are not put in the URL.
  function expiryHelper(qid: string): HTMLElement {
    const d = el("details", { class: "expiry-helper" });
    d.append(el("summary", {}, T("checker.date_helper")));
    const methods: [string, string[]][] = [["printed", ["printed"]], ["birthday", ["issued", "birthday"]], ["stay", ["stay_until"]]];
    const fields = el("div", { class: "date-fields" });
    const mfs = el("fieldset", { class: "date-method" }, el("legend", {}, T("checker.date_method")));
    const inputs: Record<string, HTMLInputElement> = {};
    methods.forEach(([m, keys], i) => {
      const id = `dm-${qid}-${m}`;
      const radio = el("input", { type: "radio", name: `dm-${qid}`, value: m, id });
      if (i === 0) radio.checked = true;
      mfs.append(el("div", { class: "choice" }, radio, el("label", { for: id }, T("checker.method_" + m))));
      radio.addEventListener("change", show);
      for (const k of keys) {
        const iid = `date-${qid}-${k}`;
        const inp = el("input", { type: "date", id: iid, "data-method": m });
        inputs[k] = inp;
        fields.append(el("div", { class: "date-field", "data-method": m }, el("label", { for: iid }, T("checker.date_" + k)), inp));
      }
    });
    function method(): string {
      return (mfs.querySelector<HTMLInputElement>("input:checked") ?? { value: "printed" }).value;
    }
    function show() {
      fields.querySelectorAll<HTMLElement>(".date-field").forEach((f) => (f.hidden = f.dataset.method !== method()));
    }
    show();
    const out = el("p", { class: "date-result", "aria-live": "polite" });
    const calc = el("button", { type: "button", class: "button" }, T("checker.calculate"));
    calc.addEventListener("click", async () => {
      if (!(await ensureCore())) return;
      const m = method();
      const v = (k: string) => (inputs[k].dataset.method === m ? inputs[k].value : "");
      const today = todayIn(r.dataset.timeZone ?? "");
      const r2 = JSON.parse(core!.expiry(v("printed"), v("issued"), v("birthday"), v("stay_until"), today, rules.window_months ?? 0)) as ExpiryStep;
      if (r2.error || !r2.status) { out.textContent = T("checker.date_error"); return; }
      lastOpens = r2.opens;
      const explained = T("checker.date_result", fmtDate(r2.expiry ?? ""), fmtDate(r2.opens ?? ""));
      answers[qid] = r2.status;
      await commit(qid);
      // The redraw replaced this helper: reopen the new one with the
      // explanation, and say it in the live region too.
      const again = form.querySelector<HTMLDetailsElement>(`[data-q="${qid}"] details.expiry-helper`);
      if (again) {
        again.open = true;
        const res = again.querySelector<HTMLElement>(".date-result");
        if (res) res.textContent = explained;
      }
      status.textContent = explained + " " + status.textContent;
    });
    d.append(mfs, fields, calc, out);
    return d;
  }

  // drawOutcome shows the outcome the generator rendered for this path, and
  // returns its title.
  function drawOutcome(res: Step): Node {
    const tpl = [...r.querySelectorAll<HTMLTemplateElement>("template[data-path]")].find((t) => t.dataset.path === res.path);
    // The title as rendered (phrase breaks, lang="ja" marks), first in the
    // template; its plain text is the fallback.
    const body = tpl ? (tpl.content.cloneNode(true) as DocumentFragment) : undefined;
    const titleSrc = body ? [...body.children].find((e) => e.matches('[data-part="title"]')) : undefined;
    titleSrc?.remove();
    const titleNodes = (): Node => {
      const f = document.createDocumentFragment();
      if (titleSrc) titleSrc.childNodes.forEach((n) => f.append(n.cloneNode(true)));
      else f.append(tpl?.dataset.title ?? "");
      return f;
    };
    const box = el("section", { class: "checker-outcome", "aria-labelledby": "checker-out-h" });
    // For paper: what this is, for whom, and when it was printed.
    const kicker = plainText(document.querySelector(".guide .kicker"));
    const proc = plainText(document.querySelector(".guide h1"));
    const printed = fmtDate(todayIn(r.dataset.timeZone ?? ""));
    box.append(el("p", { class: "checker-print-head" }, `${kicker} · ${proc}`),
      el("p", { class: "checker-print-date" }, T("checker.printed", printed)));
    box.append(el("h3", { id: "checker-out-h", tabindex: "-1" }, titleNodes()));
    if (tpl?.dataset.kind === "not_yet" && lastOpens) box.append(el("p", { class: "callout" }, T("checker.from", fmtDate(lastOpens))));
    if (body) {
      // In the page's source the outcome's headings are h2 (they follow the
      // page's h1); here they sit under the checker's h2 and the result's h3.
      body.querySelectorAll("h2").forEach((h) => {
        const h4 = document.createElement("h4");
        for (const a of [...h.attributes]) h4.setAttribute(a.name, a.value);
        h4.append(...h.childNodes);
        h.replaceWith(h4);
      });
      box.append(body);
    }
    else box.append(el("p", {}, T("checker.failed")));
    const actions = el("p", { class: "checker-actions" });
    const print = el("button", { type: "button", class: "button" }, T("checker.print"));
    print.addEventListener("click", () => {
      document.body.classList.add("print-checklist");
      window.print();
    });
    const share = el("a", { href: "#" + res.fragment, class: "share" }, T("checker.share"));
    const restart = el("button", { type: "button", class: "button secondary" }, T("flow.restart"));
    restart.addEventListener("click", () => {
      answers = {};
      lastOpens = undefined;
      notice.hidden = true;
      history.pushState({ tebiki: {} }, "", location.pathname + location.search);
      render(null);
      form.querySelector<HTMLElement>("legend")?.focus();
    });
    actions.append(print, " ", share, " ", restart);
    box.append(actions);
    result.append(box);

    // Check your answers, with a change link per answer.
    const sec = el("section", { "aria-labelledby": "checker-sum-h", class: "summary" });
    sec.append(el("h3", { id: "checker-sum-h" }, T("flow.your_answers")));
    const dl = el("dl", {});
    for (const [qid, aid] of res.asked ?? []) {
      const change = el("button", { type: "button", class: "change link" }, T("flow.change"), el("span", { class: "visually-hidden" }, ": ", qText(qid)));
      change.addEventListener("click", () => {
        const input = form.querySelector<HTMLInputElement>(`[data-q="${qid}"] input:checked`);
        input?.focus();
      });
      dl.append(el("div", { class: "summary-row" }, el("dt", {}, qText(qid)), el("dd", {}, aLabel(qid, aid), " ", change)));
    }
    sec.append(dl);
    summary.append(sec);
    return titleNodes();
  }
  window.addEventListener("afterprint", () => document.body.classList.remove("print-checklist"));

  render(null);
  if (isCheckHash()) void fromHash();
}

export {};

// todayIn is today's date (YYYY-MM-DD) in the site's time zone, as the
// build decides it, whatever the zone the device is set to.
function todayIn(zone: string): string {
  const now = new Date();
  try {
    const parts: Record<string, string> = {};
    for (const p of new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now)) parts[p.type] = p.value;
    if (parts.year && parts.month && parts.day) return `${parts.year}-${parts.month}-${parts.day}`;
  } catch { /* an unknown zone: the device's date below */ }
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}
