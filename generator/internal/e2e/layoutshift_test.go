package e2e

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var checkerScript = regexp.MustCompile(`<script src="[^"]*assets/checker-[^"]*\.js"([^>]*)>`)

// Drawing the checker moves nothing on a guide page. With a deferred
// script, a phone painted the page first and the checker then pushed the
// contents list down: Lighthouse measured a Cumulative Layout Shift of 0.23
// on the Japanese renewal guide (performance 89), 0.055 once the script is
// a classic one placed right after the checker and its link to the static
// pages: the parser stops there until the checker is drawn, so what follows
// is laid out once, below it. (Chromium under chromedp paints no frame
// before the deferred script runs, so the shift itself cannot be observed
// here; this test checks the placement that prevents it.)
func TestGuideCheckerScriptBeforeContents(t *testing.T) {
	f := sample(t)
	for _, lang := range langs {
		for _, p := range f.procs() {
			html := f.read(t, p.guidePath(lang))
			m := checkerScript.FindStringSubmatchIndex(html)
			if m == nil {
				t.Errorf("%s: no checker script", p.guidePath(lang))
				continue
			}
			attrs := html[m[2]:m[3]]
			if strings.Contains(attrs, "defer") || strings.Contains(attrs, "async") {
				t.Errorf("%s: the checker script is loaded %q: the page is painted, then moved when it runs", p.guidePath(lang), attrs)
			}
			start, toc := strings.Index(html, `<p class="start">`), strings.Index(html, `<nav class="toc"`)
			if start < 0 || toc < 0 || !(start < m[0] && m[0] < toc) {
				t.Errorf("%s: the checker script is not between the link to the static pages and the contents list", p.guidePath(lang))
			}
		}
	}
}

// Every page a resident may find through a search engine has a
// description (Lighthouse's SEO audit; the static question and outcome
// pages had none): all pages but the staff pages, which are not indexed.
func TestPagesHaveDescription(t *testing.T) {
	f := sample(t)
	n := 0
	err := filepath.WalkDir(f.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		html := string(b)
		if strings.Contains(html, `<meta name="robots" content="noindex">`) {
			return nil
		}
		n++
		if m := regexp.MustCompile(`<meta name="description" content="([^"]+)">`).FindStringSubmatch(html); m == nil || strings.TrimSpace(m[1]) == "" {
			t.Errorf("%s: no description", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Errorf("looked at only %d pages", n)
	}
}
