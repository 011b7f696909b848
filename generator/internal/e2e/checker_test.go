package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tebiki/tebiki/wasm/decide"
)

// checklist is what an outcome tells the resident: its title, what to bring
// on each visit and the warnings, as the texts shown; where to go (each
// office with its hours, and the fee or its absence), whom to ask (the
// contact block with its phone number), its notes and why this outcome; and the
// questions the answers summary lists.
type checklist struct {
	Title    string     `json:"title"`
	Visits   [][]string `json:"visits"`
	Warnings []string   `json:"warnings"`
	Where    string     `json:"where"`
	Offices  []string   `json:"offices"`
	Contact  string     `json:"contact"`
	Why      string     `json:"why"`
	// Notes are the outcome's lead, callouts and notes (of visits and of
	// items): the procedure's own notes stay on the guide page, in neither.
	Notes []string `json:"notes"`
	// Sections lists the outcome's section headings, with their level:
	// h2 on the static page, h4 under the checker's result heading.
	Sections []string `json:"sections"`
	Asked    []string `json:"asked"`
}

func (c checklist) String() string {
	b, _ := json.MarshalIndent(c, "", "  ")
	return string(b)
}

// extractJS defines tebikiChecklist(root, titleSel, visitSel, warnSel,
// summarySel), which reads a checklist out of the outcome under root.
const extractJS = `window.tebikiChecklist = (root, titleSel, visitSel, warnSel, summarySel) => {
	const norm = (e) => e.textContent.replace(/\s+/g, " ").trim();
	const title = root.querySelector(titleSel);
	return {
		title: title ? norm(title) : "",
		visits: [...root.querySelectorAll(visitSel)].map((v) => [...v.querySelectorAll("ul.bring .item-text")].map(norm)),
		warnings: [...root.querySelectorAll(warnSel + " .item-text")].map(norm),
		where: (() => { const o = root.querySelector("ul.offices"); return o ? norm(o.closest("section")) : ""; })(),
		offices: [...root.querySelectorAll("ul.offices > li")].map(norm),
		contact: (() => { const c = root.querySelector("address.contact"); return c ? norm(c) : ""; })(),
		notes: [...root.querySelectorAll(".lead, .callout, .visit-note, .item-note, .rule p, .rule li")].filter((e) => !e.closest(".schedule, .summary, .checker-notice")).map(norm),
		why: (() => { const w = root.querySelector(".why-outcome"); return w ? norm(w) : ""; })(),
		sections: [...root.querySelectorAll("section > h2, section > h4")].filter((h) => !h.closest(".summary, .schedule")).map((h) => h.tagName + " " + norm(h)),
		asked: [...document.querySelectorAll(summarySel + " dt")].map(norm),
	};
};`

// checkerChecklist reads the checklist that the checker shows.
func (tb *tab) checkerChecklist() checklist {
	tb.t.Helper()
	return eval[checklist](tb, `(() => {`+extractJS+`
		return tebikiChecklist(document.querySelector(".checker-outcome"), "#checker-out-h", ".visit", ".warnings", ".checker-summary");
	})()`)
}

// staticChecklist reads the checklist of the static outcome page at path p,
// parsing it in the tab's page (no request is made for it).
func (tb *tab) staticChecklist(f *fixture, p string) checklist {
	tb.t.Helper()
	html := f.read(tb.t, p)
	if !strings.Contains(html, `<article class="flow outcome">`) {
		tb.t.Fatalf("%s is not an outcome page", p)
	}
	return eval[checklist](tb, `(() => {`+extractJS+`
		const doc = new DOMParser().parseFromString(`+jsString(html)+`, "text/html");
		const root = doc.querySelector("article.flow.outcome");
		const c = tebikiChecklist(root, "h1", "section.visit", "section.warnings", "#none");
		c.asked = [...root.querySelectorAll("section.summary dt")].map((e) => e.textContent.replace(/\s+/g, " ").trim());
		return c;
	})()`)
}

// hashOf is the URL fragment the checker writes for the path's answers.
func hashOf(path decide.Path) string {
	var parts []string
	for _, a := range path.Asked {
		parts = append(parts, a.Question.ID+":"+a.Answer.ID)
	}
	return "#check=" + strings.Join(parts, ",")
}

// answerIDs returns the answer IDs of the path, in the order asked: the
// folders of its static outcome page.
func answerIDs(path decide.Path) []string {
	var ids []string
	for _, a := range path.Asked {
		ids = append(ids, a.Answer.ID)
	}
	return ids
}

// qsel selects the fieldset of question qid in the checker.
func qsel(qid string) string { return `[data-checker] fieldset[data-q="` + qid + `"]` }

// answerPath clicks the label of each answer of the path in turn, checking
// that each click brings up the next question, and waits for the outcome.
// The checker must show the path's first question when it is called.
func (tb *tab) answerPath(path decide.Path) {
	tb.t.Helper()
	for i, a := range path.Asked {
		q := a.Question.ID
		// The question to answer is the last one shown.
		last := eval[string](tb, `(() => { const fs = document.querySelectorAll("[data-checker] fieldset[data-q]"); return fs.length ? fs[fs.length-1].dataset.q : ""; })()`)
		if last != q {
			tb.t.Fatalf("%s: answering %s: the checker asks %q, want %q", tb.url, hashOf(path), last, q)
		}
		tb.click(`label[for="q-` + q + `-` + a.Answer.ID + `"]`)
		if i+1 < len(path.Asked) {
			next := path.Asked[i+1].Question.ID
			tb.waitFor(`document.querySelector(`+jsString(qsel(next))+`)`, 10*time.Second, "question "+next+" after "+q+"="+a.Answer.ID)
		} else {
			tb.waitFor(`document.querySelector(".checker-outcome")`, 10*time.Second, "the outcome after "+hashOf(path))
		}
	}
}

// compareChecklists fails the test when the checker's outcome differs from
// the static outcome page of the same answers.
func compareChecklists(t *testing.T, what string, got, want checklist) {
	t.Helper()
	// Same sections, one level apart: h4 in the checker for h2 on the page.
	for i, h := range want.Sections {
		want.Sections[i] = strings.Replace(h, "H2 ", "H4 ", 1)
	}
	if got.String() != want.String() {
		t.Errorf("%s: the checker shows\n%s\nbut the static outcome page has\n%s", what, got, want)
	}
	if got.Title == "" || len(want.Asked) == 0 {
		t.Errorf("%s: empty checklist %s", what, got)
	}
}

// Every path of every procedure, in both languages, answered by clicking in
// the interactive checker on the guide page, ends on the same checklist as
// the static outcome page of the same answers: title, the items of each
// visit in order, the warnings, and the questions of the answers summary.
// The URL fragment records the answers, focus goes to the result heading,
// and the live region announces it. No page requests anything from another
// host or logs an error meanwhile.
func TestCheckerAllPaths(t *testing.T) {
	f := sample(t)
	start := time.Now()
	total := 0
	t.Cleanup(func() {
		t.Logf("answered %d paths in %v", total, time.Since(start).Round(time.Millisecond))
	})
	for _, p := range f.procs() {
		paths := p.p.Core.Paths()
		total += 2 * len(paths)
		for _, lang := range langs {
			t.Run(lang+"/"+p.city+"/"+p.id, func(t *testing.T) {
				t.Parallel()
				tb := openTab(t, f.base+p.guidePath(lang))
				// The first question is there before any WebAssembly.
				tb.waitChecker()
				for i, path := range paths {
					if len(path.Outcomes) != 1 {
						t.Fatalf("path %s has %d outcomes", hashOf(path), len(path.Outcomes))
					}
					what := fmt.Sprintf("%s%s", tb.url, hashOf(path))
					tb.answerPath(path)
					type state struct {
						Hash, Focus, Status string
					}
					st := eval[state](tb, `({hash: decodeURIComponent(location.hash), focus: document.activeElement ? document.activeElement.id : "", status: document.querySelector(".checker-status").textContent})`)
					if st.Hash != hashOf(path) {
						t.Errorf("%s: URL fragment %q", what, st.Hash)
					}
					if st.Focus != "checker-out-h" {
						t.Errorf("%s: focus on #%s after the last answer, want #checker-out-h", what, st.Focus)
					}
					title := path.Outcomes[0].Title.In(lang)
					if !strings.Contains(st.Status, title) {
						t.Errorf("%s: live region says %q, want it to name %q", what, st.Status, title)
					}
					got := tb.checkerChecklist()
					want := tb.staticChecklist(f, p.flowPath(lang, answerIDs(path)))
					compareChecklists(t, what, got, want)
					if i+1 < len(paths) {
						tb.click(".checker-outcome .checker-actions button.secondary") // start again
						tb.waitFor(`!document.querySelector(".checker-outcome") && document.querySelectorAll("[data-checker] fieldset[data-q]").length === 1`,
							10*time.Second, "the first question after start again")
					}
				}
				wasm := false
				for _, r := range tb.mon.requestList() {
					wasm = wasm || strings.HasSuffix(r, ".wasm")
				}
				if !wasm {
					t.Errorf("%s: the page did not fetch the checker's .wasm", tb.url)
				}
				tb.assertClean()
			})
		}
	}
}
