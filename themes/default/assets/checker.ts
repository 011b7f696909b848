// Tebiki's interactive checker. It enhances a guide page: the page works
// without it (the static question pages stay linked), and the WebAssembly
// decision core is fetched only when the checker comes into view or is used.
// Answers stay in the browser; the only place they are written is the URL
// fragment (after #), which browsers never send to a server.

interface Text { ja: string; en: string }
interface Asked { question: string; answer: string; question_text: Text; answer_label: Text }
interface ItemR { ref: string; text: Text; notes: Text[]; why: Text; own: Asked[]; because: Asked[] }
interface VisitR { title: Text; note: Text; same_day: string; items: ItemR[] }
interface OutcomeR { id: string; kind: string; title: Text; summary: Text; visits: VisitR[]; warnings: ItemR[]; because: Asked[] }
interface QuestionR { id: string; kind: string; text: Text; help: Text; answers: { id: string; label: Text }[] }
interface Result { error?: string; asked: Asked[]; next?: QuestionR; outcome?: OutcomeR }
interface ExpiryR { error?: string; expiry: string; opens: string; status: string; expiry_text: Text; opens_text: Text }
interface Core {
  load(rules: unknown): number | { error: string };
  decide(h: number, answers: Record<string, string>): Result;
  expiry(input: Record<string, string>, today: string, months: number): ExpiryR;
  fragment(h: number, hash: string): { error?: string; present: boolean; dropped: boolean; answers: Answers };
}
interface Rules {
  window_months: number; flow: string; fee: string; notes: string[];
  questions: QuestionR[];
  offices: { name: string; hours: string[]; note: string }[];
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

function hashOf(asked: Asked[]): string {
  return "#check=" + asked.map((a) => a.question + ":" + a.answer).join(",");
}

function setup(r: HTMLElement) {
  const rules: Rules = JSON.parse(r.querySelector(".checker-rules")!.textContent!);
  const ui: Record<string, string> = JSON.parse(r.querySelector(".checker-ui")!.textContent!);
  const lang = document.documentElement.lang === "en" ? "en" : "ja";
  const T = (k: string, ...args: (string | number)[]) => {
    let i = 0;
    return (ui[k] ?? k).replace(/%[sd]/g, () => String(args[i++] ?? ""));
  };
  const tx = (t?: Text) => (t ? (lang === "en" ? t.en : t.ja) : "");

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
  let answers: Answers = {};
  let lastOpens: Text | undefined;
  let pointer = false;
  form.addEventListener("pointerdown", () => (pointer = true));
  form.addEventListener("submit", (e) => {
    // Enter in a question acts as its Continue button.
    e.preventDefault();
    const fs = (document.activeElement as HTMLElement | null)?.closest("fieldset[data-q]");
    fs?.querySelector<HTMLButtonElement>("button.next")?.click();
  });
  form.addEventListener("keydown", () => (pointer = false));

  const start = async () => {
    if (core) return;
    status.textContent = T("checker.loading");
    try {
      const c = await loadCore(r);
      const h = c.load(rules);
      if (typeof h !== "number") throw new Error(h.error);
      core = c;
      handle = h;
      status.textContent = "";
      if (isCheckHash()) fromHash();
      // The step-by-step pages stay available, as a plain link now.
      const startLink = r.parentElement?.querySelector<HTMLAnchorElement>(".start a");
      if (startLink) { startLink.classList.remove("button"); startLink.textContent = T("checker.static_link"); }
      const res = render(null);
      // A link with answers that were dropped is rewritten to what is kept.
      if (res && !notice.hidden) history.replaceState({ tebiki: answers }, "", hashOf(res.asked));
    } catch (e) {
      status.textContent = T("checker.failed");
      console.warn("tebiki checker:", e);
    }
  };
  if (isCheckHash()) void start();
  else if ("IntersectionObserver" in window) {
    const io = new IntersectionObserver((es) => {
      if (es.some((e) => e.isIntersecting)) { io.disconnect(); void start(); }
    });
    io.observe(r);
  } else void start();
  r.addEventListener("focusin", () => void start(), { once: true });

  window.addEventListener("popstate", (e) => {
    const st = e.state as { tebiki?: Answers } | null;
    if (st && st.tebiki) answers = { ...st.tebiki };
    else if (isCheckHash()) {
      if (!core) { void start(); return; } // start reads the fragment
      fromHash();
    } else if (location.hash === "") answers = {};
    else return; // an ordinary in-page link
    if (!core) return;
    const res = render(null);
    if (res && !notice.hidden) history.replaceState({ tebiki: answers }, "", hashOf(res.asked));
  });

  // fromHash takes the answers from the page address: the core keeps what
  // names a question and one of its answers; if anything else was there, the
  // resident is told, in the page's language, and carries on from the first
  // open question.
  function fromHash() {
    const f = core!.fragment(handle, location.hash);
    if (f.error) { answers = {}; badLink(); return; }
    answers = { ...f.answers };
    if (f.dropped) badLink();
    else notice.hidden = true;
  }

  function badLink() {
    notice.textContent = T("checker.bad_link");
    notice.hidden = false;
  }

  function commit(focusAfter: string | null) {
    const res = render(focusAfter);
    if (!res) return;
    const asked = res.asked.map((a) => ({ ...a }));
    const target = hashOf(asked);
    if (location.hash !== target) history.pushState({ tebiki: answers }, "", target);
  }

  // render draws the asked questions, the next one or the result. When
  // focusAfter names a question, focus moves to what follows it.
  function render(focusAfter: string | null): Result | null {
    if (!core) return null;
    let res = core.decide(handle, answers);
    if (res.error) {
      // Answers the core cannot use (fromHash keeps this from happening):
      // start afresh rather than show nothing.
      answers = {};
      badLink();
      res = core.decide(handle, answers);
      if (res.error) { status.textContent = T("checker.failed"); return null; }
    }
    // Redrawing replaces the focused control (an arrow key in a radio group
    // answers, and redraws, at once): put focus back on its replacement.
    const active = document.activeElement;
    const keep = active instanceof HTMLElement && form.contains(active) ? active.id : "";
    form.replaceChildren();
    res.asked.forEach((a) => form.append(fieldset(a.question, res)));
    if (res.next) form.append(fieldset(res.next.id, res));
    result.replaceChildren();
    summary.replaceChildren();
    if (res.outcome) {
      drawOutcome(res);
      status.textContent = T("checker.ready", tx(res.outcome.title));
    } else if (focusAfter && res.next) {
      status.textContent = T("checker.next", tx(res.next.text));
    }
    if (focusAfter) {
      const target = res.outcome ? result.querySelector<HTMLElement>("h3") : form.querySelector<HTMLElement>(`[data-q="${res.next!.id}"] legend`);
      target?.focus();
    } else if (keep) {
      document.getElementById(keep)?.focus();
    }
    return res;
  }

  function fieldset(qid: string, res: Result): HTMLFieldSetElement {
    const q = questionOf(qid, res);
    const fs = el("fieldset", { "data-q": qid, class: "checker-q" });
    const legend = el("legend", { tabindex: "-1" }, tx(q.text));
    fs.append(legend);
    if (tx(q.help)) fs.append(el("p", { class: "hint", id: `hint-${qid}` }, tx(q.help)));
    const list = el("div", { class: "choices" });
    for (const a of q.answers) {
      const id = `q-${qid}-${a.id}`;
      const input = el("input", { type: "radio", name: qid, value: a.id, id });
      if (answers[qid] === a.id) input.checked = true;
      input.addEventListener("change", () => {
        answers[qid] = a.id;
        if (pointer) {
          commit(qid);
        } else {
          // Arrow keys move through the answers: redraw, but leave history
          // and focus alone until the resident continues.
          const res = render(null);
          if (res) history.replaceState({ tebiki: answers }, "", hashOf(res.asked));
        }
      });
      list.append(el("div", { class: "choice" }, input, el("label", { for: id }, tx(a.label))));
    }
    fs.append(list);
    if (q.kind === "expiry") fs.append(expiryHelper(qid));
    const next = el("button", { type: "submit", class: "button next" }, T("checker.continue"));
    fs.append(next);
    next.addEventListener("click", (e) => {
      e.preventDefault();
      if (answers[qid]) commit(qid);
      else { status.textContent = T("checker.choose"); legend.focus(); }
    });
    return fs;
  }

  // questionOf finds a question in the page's rules (the same data the core
  // was loaded with).
  function questionOf(qid: string, res: Result): QuestionR {
    if (res.next && res.next.id === qid) return res.next;
    return rules.questions.find((q) => q.id === qid)!;
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
    calc.addEventListener("click", () => {
      const m = method();
      const input: Record<string, string> = {};
      for (const [k, inp] of Object.entries(inputs)) if (inp.dataset.method === m && inp.value) input[k] = inp.value;
      const now = new Date();
      const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
      const r2 = core!.expiry(input, today, rules.window_months);
      if (r2.error) { out.textContent = T("checker.date_error"); return; }
      lastOpens = r2.opens_text;
      const explained = T("checker.date_result", tx(r2.expiry_text), tx(r2.opens_text));
      answers[qid] = r2.status;
      commit(qid);
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

  function itemLi(it: ItemR): HTMLLIElement {
    const li = el("li", {}, el("span", { class: "item-text" }, tx(it.text)));
    for (const n of it.notes) li.append(el("span", { class: "item-note" }, tx(n)));
    if (tx(it.why)) li.append(el("span", { class: "item-why" }, tx(it.why)));
    if (it.own.length) li.append(el("span", { class: "item-why" }, T("flow.because") + " " + reasons(it.own)));
    return li;
  }

  function reasons(as: Asked[]): string {
    return as.map((a) => lang === "ja" ? `「${tx(a.question_text)}」→「${tx(a.answer_label)}」` : `“${tx(a.question_text)}” → “${tx(a.answer_label)}”`).join(lang === "ja" ? "、" : "; ");
  }

  function drawOutcome(res: Result) {
    const o = res.outcome!;
    const box = el("section", { class: "checker-outcome", "aria-labelledby": "checker-out-h" });
    box.append(el("h3", { id: "checker-out-h", tabindex: "-1" }, tx(o.title)));
    if (tx(o.summary)) box.append(el("p", { class: "lead" }, tx(o.summary)));
    for (const n of rules.notes) box.append(el("p", { class: "callout" }, n));
    if (o.kind === "not_yet" && lastOpens) box.append(el("p", { class: "callout" }, T("checker.from", tx(lastOpens))));
    o.visits.forEach((v, i) => {
      const vs = el("div", { class: "visit" });
      const title = tx(v.title) || (o.visits.length > 1 ? T("visit.n", i + 1) : T("visit.bring"));
      vs.append(el("h4", {}, title));
      if (v.same_day === "yes") vs.append(el("p", { class: "badge badge-yes" }, T("visit.same_day")));
      if (v.same_day === "no") vs.append(el("p", { class: "badge badge-no" }, T("visit.not_same_day")));
      if (o.visits.length > 1) vs.append(el("p", { class: "bring-label" }, T("visit.bring")));
      const ul = el("ul", { class: "bring" });
      v.items.forEach((it) => ul.append(itemLi(it)));
      vs.append(ul);
      if (tx(v.note)) vs.append(el("p", { class: "visit-note" }, tx(v.note)));
      box.append(vs);
    });
    if (o.warnings.length) {
      const w = el("div", { class: "warnings" }, el("h4", {}, T("case.warnings")));
      const ul = el("ul", {});
      o.warnings.forEach((it) => ul.append(itemLi(it)));
      w.append(ul);
      box.append(w);
    }
    if (o.kind !== "not_yet" && rules.offices.length) {
      const where = el("div", { class: "where" }, el("h4", {}, T(rules.fee ? "guide.where" : "guide.where_nofee")));
      const ul = el("ul", { class: "offices" });
      for (const of of rules.offices) {
        const li = el("li", { class: "office" }, el("p", { class: "office-name" }, el("strong", {}, of.name)));
        for (const h of of.hours) li.append(el("p", { class: "hours" }, h));
        if (of.note) li.append(el("p", { class: "office-note" }, of.note));
        ul.append(li);
      }
      where.append(ul);
      if (rules.fee) where.append(el("p", {}, el("strong", {}, T("guide.fee") + ": "), rules.fee));
      box.append(where);
    }
    const actions = el("p", { class: "checker-actions" });
    const print = el("button", { type: "button", class: "button" }, T("checker.print"));
    print.addEventListener("click", () => {
      document.body.classList.add("print-checklist");
      window.print();
    });
    const share = el("a", { href: hashOf(res.asked), class: "share" }, T("checker.share"));
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
    for (const a of res.asked) {
      const change = el("button", { type: "button", class: "change link" }, T("flow.change"), el("span", { class: "visually-hidden" }, ": " + tx(a.question_text)));
      change.addEventListener("click", () => {
        const input = form.querySelector<HTMLInputElement>(`[data-q="${a.question}"] input:checked`);
        input?.focus();
      });
      dl.append(el("div", { class: "summary-row" }, el("dt", {}, tx(a.question_text)), el("dd", {}, tx(a.answer_label), " ", change)));
    }
    sec.append(dl);
    summary.append(sec);
  }
  window.addEventListener("afterprint", () => document.body.classList.remove("print-checklist"));
}

export {};
