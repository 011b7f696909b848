package site_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tebiki/tebiki/generator/internal/browser"
)

// browserWorkers is how many pages are checked at once. Most of a check is
// waiting for the page to settle, so this may exceed the number of cores.
func browserWorkers() int {
	if n, err := strconv.Atoi(os.Getenv("TEBIKI_BROWSER_WORKERS")); err == nil && n > 0 {
		return n
	}
	return 4
}

// browserPages picks the pages to load. Every load takes about a third of
// a second of Chromium's time (a fresh browser context each), and the
// checker's flow makes most of the sample site's pages, all alike: so by
// default every page outside check/ and staff/ is loaded, of each
// procedure's check/ pages in each language the first question and the
// deepest outcome, and one staff page per language.
// TEBIKI_BROWSER_ALL=1 loads every page. (The link check reads every page.)
func browserPages(pages []string) []string {
	if os.Getenv("TEBIKI_BROWSER_ALL") == "1" {
		return pages
	}
	var out []string
	deepest := map[string]string{}
	staff := map[string]bool{} // languages with a staff page picked
	for _, p := range pages {
		if strings.Contains(p, "/staff/") {
			if lang := strings.SplitN(p, "/", 2)[0]; !staff[lang] {
				staff[lang] = true
				out = append(out, p)
			}
			continue
		}
		root, _, ok := strings.Cut(p, "/check/")
		switch {
		case !ok, p == root+"/check/index.html":
			out = append(out, p)
		case deepest[root] == "" || strings.Count(p, ".") > strings.Count(deepest[root], "."):
			deepest[root] = p
		}
	}
	for _, p := range deepest {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Every page of the sample site (see browserPages), loaded in Chromium from
// a loopback server and from disk (file://), has no console error or failed
// load, requests nothing from another host, and is in the language of its
// folder. One Chromium session serves every check.
func TestBrowser(t *testing.T) {
	browser.Require(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	sess, err := browser.NewSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()

	// The check must see what it is there for: a missing stylesheet and a
	// script from another host.
	t.Run("finds problems", func(t *testing.T) {
		dir := t.TempDir()
		page := `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Broken</title>` +
			`<link rel="stylesheet" href="assets/missing.css"><script src="https://cdn.example/x.js"></script></head><body><p>x</p></body></html>`
		if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		base, stop, err := browser.Serve(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer stop()
		res, err := sess.Check(ctx, base+"index.html")
		if err != nil {
			t.Fatal(err)
		}
		if len(res.ConsoleErrors) == 0 || len(res.OffHostRequests) != 1 || res.OffHostRequests[0] != "https://cdn.example/x.js" || res.Lang != "en" {
			t.Errorf("Check = %+v; want a console error for missing.css, one off-host request and lang en", res)
		}
	})

	t.Run("sample site", func(t *testing.T) {
		out, _ := buildSample(t)
		all := htmlPages(readTree(t, out))
		pages := browserPages(all)
		if len(pages) < 20 {
			t.Fatalf("only %d of %d pages picked", len(pages), len(all))
		}
		base, stop, err := browser.Serve(out)
		if err != nil {
			t.Fatal(err)
		}
		defer stop()

		type job struct{ page, url string }
		var jobs []job
		for _, p := range pages {
			abs, err := filepath.Abs(filepath.Join(out, filepath.FromSlash(p)))
			if err != nil {
				t.Fatal(err)
			}
			jobs = append(jobs,
				job{p, base + p},
				job{p, (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()})
		}
		ch := make(chan job)
		var wg sync.WaitGroup
		start := time.Now()
		for range browserWorkers() {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range ch {
					res, err := sess.Check(ctx, j.url)
					if err != nil {
						t.Errorf("%s: %v", j.url, err)
						continue
					}
					for _, e := range res.ConsoleErrors {
						t.Errorf("%s: console error: %s", j.url, e)
					}
					for _, r := range res.OffHostRequests {
						t.Errorf("%s: request to another host: %s", j.url, r)
					}
					if want := pageLang(j.page, siteLangs(repoFS(t))).htmlLang; res.Lang != want {
						t.Errorf("%s: document language %q; want %q", j.url, res.Lang, want)
					}
					if res.Title == "" {
						t.Errorf("%s: no title", j.url)
					}
				}
			}()
		}
		for _, j := range jobs {
			ch <- j
		}
		close(ch)
		wg.Wait()
		t.Logf("checked %d of %d pages (%d loads, %d at a time) in %v", len(pages), len(all), len(jobs), browserWorkers(), time.Since(start).Round(time.Millisecond))
	})
}
