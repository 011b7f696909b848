package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// axe-core comes from npm (see axe/package.json): "npm ci" in
// generator/internal/e2e/axe installs it.
const axePath = "generator/internal/e2e/axe/node_modules/axe-core/axe.min.js"

var (
	axeOnce sync.Once
	axeSrc  string
	axeErr  error
)

// axeSource returns axe.min.js. Without it the test is skipped, unless
// TEBIKI_REQUIRE_BROWSER=1 asks for a failure instead.
func axeSource(t *testing.T, f *fixture) string {
	t.Helper()
	axeOnce.Do(func() {
		var b []byte
		b, axeErr = os.ReadFile(filepath.Join(f.root, filepath.FromSlash(axePath)))
		axeSrc = string(b)
	})
	if axeErr != nil {
		msg := fmt.Sprintf("axe-core is not installed (%v); run: npm ci --prefix generator/internal/e2e/axe", axeErr)
		if os.Getenv("TEBIKI_REQUIRE_BROWSER") == "1" {
			t.Fatal(msg + " (TEBIKI_REQUIRE_BROWSER=1)")
		}
		t.Skip(msg)
	}
	return axeSrc
}

// axeViolation is one rule that failed, with the elements that fail it.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	URL    string `json:"helpUrl"`
	Nodes  []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// axeTags are the rules run: WCAG 2.0 and 2.1, levels A and AA.
const axeRunJS = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then((r) =>
	r.violations.map((v) => ({id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
		nodes: v.nodes.map((n) => ({target: n.target.join(" "), html: n.html, summary: n.failureSummary || ""}))})))`

// checkA11y runs axe-core on the tab's page as it is now, and fails the test
// for each violation, naming the state of the page.
func (tb *tab) checkA11y(f *fixture, state string) {
	tb.t.Helper()
	if !eval[bool](tb, `typeof axe === "object"`) {
		tb.run(axeSource(tb.t, f))
	}
	vs := eval[[]axeViolation](tb, axeRunJS)
	for _, v := range vs {
		var b strings.Builder
		fmt.Fprintf(&b, "%s [%s]: axe %s (%s): %s\n\t%s", tb.url, state, v.ID, v.Impact, v.Help, v.URL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n\t- %s\n\t  %s\n\t  %s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n\t  "))
		}
		tb.t.Error(b.String())
	}
}

// Every page type (the top page, home, city, guide, question and outcome
// pages) and every state of the interactive checker (first question, a
// later question, the expiry date helper open, an outcome), in both
// languages, has no axe-core violation of WCAG 2.0/2.1 A and AA.
func TestAccessibility(t *testing.T) {
	f := sample(t)
	axeSource(t, f)
	sak := findProc(t, f, "sakuragawa", "renewal")
	// The path with the most questions, ending on a checklist with warnings.
	var long = sak.p.Core.Paths()[0]
	for _, path := range sak.p.Core.Paths() {
		if len(path.Asked) > len(long.Asked) || (len(path.Asked) == len(long.Asked) && len(path.Outcomes[0].Warnings) > len(long.Outcomes[0].Warnings)) {
			long = path
		}
	}
	for _, lang := range langs {
		t.Run(lang+"/static", func(t *testing.T) {
			t.Parallel()
			pages := []string{lang + "/index.html"}
			if lang == "ja" {
				pages = append(pages, "index.html") // the top page, once
			}
			for _, c := range f.rules.Cities {
				pages = append(pages, lang+"/"+c.ID+"/index.html")
			}
			pages = append(pages,
				sak.flowPath(lang, nil),                   // the first question, with its expiry rule
				sak.flowPath(lang, answerIDs(long)[:2]),   // a later question, with answers so far
				sak.flowPath(lang, answerIDs(long)),       // an outcome with visits and warnings
				sak.flowPath(lang, []string{"too_early"}), // a "not yet" outcome
			)
			var tb *tab
			for _, p := range pages {
				if !f.exists(p) {
					t.Fatalf("no page %s", p)
				}
				if tb == nil {
					tb = openTab(t, f.base+p)
				} else {
					tb.navigate(f.base + p)
				}
				tb.checkA11y(f, "static page")
			}
			tb.assertClean()
		})
		for _, p := range f.procs() {
			t.Run(lang+"/"+p.city+"/"+p.id, func(t *testing.T) {
				t.Parallel()
				tb := openTab(t, f.base+p.guidePath(lang))
				tb.run(`document.querySelector("[data-checker]").scrollIntoView()`)
				tb.waitChecker()
				tb.checkA11y(f, "checker: first question")
				if p.city != sak.city || p.id != sak.id {
					return
				}
				// The expiry question's date helper, opened.
				tb.click(qsel(long.Asked[0].Question.ID) + " details.expiry-helper summary")
				tb.waitFor(`document.querySelector("details.expiry-helper").open`, 10*time.Second, "the date helper to open")
				tb.checkA11y(f, "checker: date helper open")
				// The outcome; then start again and answer the first question.
				tb.answerPath(long)
				tb.checkA11y(f, "checker: outcome "+hashOf(long))
				tb.click(".checker-outcome .checker-actions button.secondary") // start again
				tb.click(`label[for="q-` + long.Asked[0].Question.ID + `-` + long.Asked[0].Answer.ID + `"]`)
				tb.waitFor(`document.querySelector(`+jsString(qsel(long.Asked[1].Question.ID))+`)`, 10*time.Second, "the second question")
				tb.checkA11y(f, "checker: second question")
				tb.assertClean()
			})
		}
	}
}
