package e2e

import (
	"context"
	"io/fs"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/tebiki/tebiki/generator/internal/browser"
	"github.com/tebiki/tebiki/wasm/decide"
)

// StrictCSP is the Content-Security-Policy the README recommends: scripts,
// styles, images and the checker's binary come from the site itself, and
// nothing is inline.
const StrictCSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"

// cspListener records every Content-Security-Policy violation in the page,
// from before its first script runs.
const cspListener = `window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
	window.__csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});`

func recordCSP() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspListener})
		return err
	})
}

// Served with the strict policy, every page of the site loads with no
// violation, no console error and no failed load, and the checker works
// under it: the core loads, a whole path is answered, the date helper
// computes, and the outcome is shown.
func TestStrictCSP(t *testing.T) {
	f := sample(t)
	base, stop, err := browser.ServeWith(f.dir, http.Header{"Content-Security-Policy": {StrictCSP}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	var pages []string
	err = filepath.WalkDir(f.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(f.dir, p)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(pages)
	kinds := map[string]bool{}
	tb := openTab(t, base+"index.html", recordCSP())
	check := func(what string) {
		t.Helper()
		if v := eval[[]string](tb, `window.__csp || ["no CSP listener in this page"]`); len(v) > 0 {
			t.Errorf("%s: %d violations of the policy: %q", what, len(v), v)
		}
	}
	for _, p := range pages {
		tb.navigate(base + p)
		// Let the page's deferred script and lazy loads run.
		tb.waitFor(`document.readyState === "complete"`, 10*time.Second, "the page to load")
		if eval[bool](tb, `!!document.querySelector("[data-checker]")`) {
			tb.run(`document.querySelector("[data-checker]").scrollIntoView()`)
			tb.waitCore()
			kinds["guide with checker"] = true
		}
		switch {
		case strings.Contains(p, "/staff/"):
			kinds["staff"] = true
		case strings.Contains(p, "/check/"):
			kinds["flow"] = true
		}
		check(p)
	}
	// The checker, used: a whole path with the date helper.
	pr := findProc(t, f, "sakuragawa", "renewal")
	for _, lang := range langs {
		tb.navigate(base + pr.guidePath(lang))
		tb.run(`document.querySelector("[data-checker]").scrollIntoView()`)
		tb.waitCore()
		tb.run(`(() => {
			const d = document.querySelector("details.expiry-helper"); d.open = true;
			document.querySelector("input[type=date]").value = "2020-01-01";
			[...d.querySelectorAll("button")].pop().click();
		})()`)
		tb.waitFor(`document.querySelector('[data-q="who"]')`, 10*time.Second, "the question after the date helper")
		path := pathWith(t, pr, map[string]string{"validity": "expired", "who": "proxy"})
		tb.answerPath(decide.Path{Asked: path.Asked[1:]})
		tb.waitFor(`document.querySelector(".checker-outcome")`, 10*time.Second, "the outcome")
		check(pr.guidePath(lang) + " after answering")
	}
	for _, k := range []string{"guide with checker", "staff", "flow"} {
		if !kinds[k] {
			t.Errorf("no %s page was visited", k)
		}
	}
	t.Logf("%d pages under %q", len(pages), StrictCSP)
	tb.assertClean()
}
