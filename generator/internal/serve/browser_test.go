package serve

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tebiki/tebiki/generator/internal/browser"
)

// TestErrorPageInChromium opens the error page of a first build that failed
// in headless Chromium, under the strict CSP: the page shows every
// problem, styled by its stylesheet, with no violation; once the files are
// fixed it reloads by itself into the site.
func TestErrorPageInChromium(t *testing.T) {
	browser.Require(t)
	root := breakProject(t)
	s := &Server{Root: root, Every: 20 * time.Millisecond, Lang: "en"}
	if _, err := s.Rebuild(); err == nil {
		t.Fatal("the broken project built")
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	wctx, stop := context.WithCancel(context.Background())
	defer stop()
	go s.Watch(wctx)
	<-s.Ready()

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	sess, err := browser.NewSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	page := ts.URL + "/en/sanda/"

	res, err := sess.Check(ctx, page)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.ConsoleErrors {
		// The document's own status (500) is expected; nothing else is.
		if !strings.Contains(e, "500") {
			t.Errorf("console error on the error page: %s", e)
		}
	}
	if res.Title != "The site could not be built – Tebiki" || res.Lang != "en" {
		t.Errorf("title %q, lang %q", res.Title, res.Lang)
	}

	tctx, tcancel := sess.Tab(ctx)
	defer tcancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	eval := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(tctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	items := eval(`String(document.querySelectorAll("#tebiki-problems li").length)`)
	first := eval(`document.querySelector("#tebiki-problems .where").textContent`)
	color := eval(`getComputedStyle(document.getElementById("tebiki-error-title")).color`)
	if items != "2" || !strings.HasPrefix(first, "content/sanda/_index.en.md:3:") {
		t.Errorf("%s problems shown, the first at %q", items, first)
	}
	if color != "rgb(153, 0, 0)" {
		t.Errorf("the preview's stylesheet is not applied (heading colour %q)", color)
	}

	// Fix both files; the page becomes the site without anyone reloading it.
	edit(t, filepath.Join(root, "rules/sanda/city.yaml"), "  phone: [079-559-5044", "  phone: 079-559-5044")
	edit(t, filepath.Join(root, "content/sanda/_index.en.md"), "\ncolour: blue", "")
	// The page navigates while being asked: retry until the site shows.
	var site bool
	for end := time.Now().Add(30 * time.Second); !site && time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		site, _ = chromedp.Run(tctx, chromedp.Evaluate[bool](`!document.getElementById("tebiki-problems") && document.title.indexOf("Sanda") >= 0`))
	}
	if !site {
		t.Fatalf("the error page did not turn into the site: %s", eval(`document.title`))
	}
	title := eval(`document.title`)
	t.Logf("reloaded into %q", title)
}
