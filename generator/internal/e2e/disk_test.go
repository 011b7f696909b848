package e2e

import (
	"strings"
	"testing"
	"time"
)

// Opened from disk (file://), where browsers refuse to fetch the .wasm file,
// the checker loads the core from its base64 script instead. On one guide
// page per city, in both languages, clicking through the procedure's longest
// path, and then following a #check= link to its first path, end on the
// static outcome pages' checklists. The pages request nothing over the
// network and log no error.
func TestCheckerFromDisk(t *testing.T) {
	f := sample(t)
	for _, city := range []string{"sakuragawa", "sanda"} {
		p := findProc(t, f, city, "renewal")
		paths := p.p.Core.Paths()
		longest := paths[0]
		for _, path := range paths {
			if len(path.Asked) > len(longest.Asked) {
				longest = path
			}
		}
		for _, lang := range langs {
			t.Run(lang+"/"+city, func(t *testing.T) {
				t.Parallel()
				tb := openTab(t, f.fileURL(p.guidePath(lang)))
				tb.run(`document.querySelector("[data-checker]").scrollIntoView()`)
				tb.waitChecker()

				tb.answerPath(longest)
				compareChecklists(t, tb.url+hashOf(longest), tb.checkerChecklist(), tb.staticChecklist(f, p.flowPath(lang, answerIDs(longest))))

				// A link with the answers in the fragment shows their outcome.
				first := paths[0]
				tb.run(`location.hash = ` + jsString(hashOf(first)))
				title := first.Outcomes[0].Title.In(lang)
				tb.waitFor(plainJS+`(document.querySelector("#checker-out-h")) === `+jsString(title), 10*time.Second, "the outcome of "+hashOf(first))
				compareChecklists(t, tb.url+hashOf(first), tb.checkerChecklist(), tb.staticChecklist(f, p.flowPath(lang, answerIDs(first))))

				assertLoadedFromScript(t, tb)
				tb.assertClean()
			})
		}
	}
}

// assertLoadedFromScript checks that the page loaded the core from the
// base64 script and never asked for the .wasm file.
func assertLoadedFromScript(t *testing.T, tb *tab) {
	t.Helper()
	script := false
	for _, r := range tb.mon.requestList() {
		switch {
		case strings.HasSuffix(r, ".wasm"):
			t.Errorf("%s: the page asked for %s; from disk it must use the script", tb.url, r)
		case strings.Contains(r, "/checker-wasm-") && strings.HasSuffix(r, ".js"):
			script = true
		}
	}
	if !script {
		t.Errorf("%s: the page did not load checker-wasm-*.js; requests: %q", tb.url, tb.mon.requestList())
	}
}
