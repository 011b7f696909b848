package browser

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The tests share one Chromium session and one fixture site. TestMain closes
// the session and removes the site.
var (
	sessOnce sync.Once
	sess     *Session
	sessErr  error

	siteOnce sync.Once
	siteDir  string
	siteBase string
	siteStop func()
	siteErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if sess != nil {
		sess.Close()
	}
	if siteStop != nil {
		siteStop()
	}
	if siteDir != "" {
		os.RemoveAll(siteDir)
	}
	os.Exit(code)
}

func session(t *testing.T) *Session {
	t.Helper()
	Require(t)
	sessOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		start := time.Now()
		sess, sessErr = NewSession(ctx)
		if sessErr == nil {
			fmt.Fprintf(os.Stderr, "browser: started %s in %v\n", sess.Path(), time.Since(start).Round(time.Millisecond))
		}
	})
	if sessErr != nil {
		t.Fatalf("NewSession: %v", sessErr)
	}
	return sess
}

// Fixture pages. Each one is small and loads only local resources, except
// where the test is about something else.
var pages = map[string]string{
	"clean.html": `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>Sauber</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<h1>Hallo</h1>
<img src="pixel.svg" alt="">
<script src="app.js"></script>
</body>
</html>
`,
	"style.css": "body { font-family: sans-serif; }\n",
	"app.js":    "document.body.dataset.ready = 'yes';\nconsole.log('just a log line');\nconsole.warn('just a warning');\n",
	"pixel.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>` + "\n",

	"console-error.html": `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Boom</title></head>
<body><p>x</p><script>console.error("boom")</script></body></html>
`,
	"exception.html": `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Throws</title></head>
<body><script>throw new Error("kaputt")</script></body></html>
`,
	"offhost.html": `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Off host</title></head>
<body><img src="http://example.com/x.png" alt=""></body></html>
`,
	"missing-css.html": `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Missing CSS</title>
<link rel=stylesheet href="missing.css"></head>
<body><p>x</p></body></html>
`,
	"module.html": `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Module</title>
<script type="module" src="mod.js"></script></head>
<body><p>x</p></body></html>
`,
	"mod.js": "document.body.dataset.module = 'ran';\n",
	// A minimal valid WebAssembly module (magic number and version only).
	"empty.wasm": "\x00asm\x01\x00\x00\x00",
}

func site(t *testing.T) (dir, base string) {
	t.Helper()
	siteOnce.Do(func() {
		siteDir, siteErr = os.MkdirTemp("", "tebiki-browser-test-")
		if siteErr != nil {
			return
		}
		for name, body := range pages {
			if siteErr = os.WriteFile(filepath.Join(siteDir, name), []byte(body), 0o644); siteErr != nil {
				return
			}
		}
		siteBase, siteStop, siteErr = Serve(siteDir)
	})
	if siteErr != nil {
		t.Fatalf("setting up the fixture site: %v", siteErr)
	}
	return siteDir, siteBase
}

func fileURL(t *testing.T, path string) string {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// check loads the page with a per-page time limit.
func check(t *testing.T, u string) PageResult {
	t.Helper()
	s := session(t)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	start := time.Now()
	res, err := s.Check(ctx, u)
	if err != nil {
		t.Fatalf("Check(%s): %v", u, err)
	}
	t.Logf("Check(%s) took %v: %+v", u, time.Since(start).Round(time.Millisecond), res)
	if res.URL != u {
		t.Errorf("URL = %q, want %q", res.URL, u)
	}
	return res
}

func containsAny(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func assertClean(t *testing.T, res PageResult) {
	t.Helper()
	if len(res.ConsoleErrors) != 0 {
		t.Errorf("ConsoleErrors = %q, want none", res.ConsoleErrors)
	}
	if len(res.OffHostRequests) != 0 {
		t.Errorf("OffHostRequests = %q, want none", res.OffHostRequests)
	}
	if res.Lang != "de" {
		t.Errorf("Lang = %q, want %q", res.Lang, "de")
	}
	if res.Title != "Sauber" {
		t.Errorf("Title = %q, want %q", res.Title, "Sauber")
	}
}

func TestCleanPageHTTP(t *testing.T) {
	_, base := site(t)
	assertClean(t, check(t, base+"clean.html"))
}

func TestCleanPageFile(t *testing.T) {
	dir, _ := site(t)
	assertClean(t, check(t, fileURL(t, filepath.Join(dir, "clean.html"))))
}

func TestConsoleError(t *testing.T) {
	_, base := site(t)
	res := check(t, base+"console-error.html")
	if !containsAny(res.ConsoleErrors, "boom") {
		t.Errorf("ConsoleErrors = %q, want one that mentions %q", res.ConsoleErrors, "boom")
	}
	if len(res.ConsoleErrors) != 1 {
		t.Errorf("got %d console errors, want exactly 1: %q", len(res.ConsoleErrors), res.ConsoleErrors)
	}
	if len(res.OffHostRequests) != 0 {
		t.Errorf("OffHostRequests = %q, want none", res.OffHostRequests)
	}
	if res.Lang != "en" || res.Title != "Boom" {
		t.Errorf("Lang, Title = %q, %q; want %q, %q", res.Lang, res.Title, "en", "Boom")
	}
}

func TestUncaughtException(t *testing.T) {
	_, base := site(t)
	res := check(t, base+"exception.html")
	if !containsAny(res.ConsoleErrors, "kaputt") {
		t.Errorf("ConsoleErrors = %q, want one that mentions %q", res.ConsoleErrors, "kaputt")
	}
}

func TestOffHostRequest(t *testing.T) {
	Require(t) // so that the parent test does not pass when the subtests skip
	dir, base := site(t)
	for _, u := range []string{base + "offhost.html", fileURL(t, filepath.Join(dir, "offhost.html"))} {
		t.Run(strings.SplitN(u, ":", 2)[0], func(t *testing.T) {
			res := check(t, u)
			want := "http://example.com/x.png"
			if len(res.OffHostRequests) != 1 || res.OffHostRequests[0] != want {
				t.Errorf("OffHostRequests = %q, want [%q]", res.OffHostRequests, want)
			}
			// The request fails only because the session closes the
			// network; that must not be reported a second time.
			if len(res.ConsoleErrors) != 0 {
				t.Errorf("ConsoleErrors = %q, want none", res.ConsoleErrors)
			}
			if res.Lang != "fr" {
				t.Errorf("Lang = %q, want %q", res.Lang, "fr")
			}
		})
	}
}

func TestMissingStylesheet(t *testing.T) {
	_, base := site(t)
	res := check(t, base+"missing-css.html")
	if !containsAny(res.ConsoleErrors, "missing.css") {
		t.Errorf("ConsoleErrors = %q, want one that mentions missing.css", res.ConsoleErrors)
	}
	if !containsAny(res.ConsoleErrors, "404") {
		t.Errorf("ConsoleErrors = %q, want one that mentions the 404", res.ConsoleErrors)
	}
	if len(res.ConsoleErrors) != 1 {
		t.Errorf("got %d console errors, want exactly 1 (no duplicate of the failed load): %q", len(res.ConsoleErrors), res.ConsoleErrors)
	}
	if len(res.OffHostRequests) != 0 {
		t.Errorf("OffHostRequests = %q, want none", res.OffHostRequests)
	}
}

func TestMissingStylesheetFile(t *testing.T) {
	dir, _ := site(t)
	res := check(t, fileURL(t, filepath.Join(dir, "missing-css.html")))
	if !containsAny(res.ConsoleErrors, "missing.css") {
		t.Errorf("ConsoleErrors = %q, want one that mentions missing.css", res.ConsoleErrors)
	}
}

// A module script works over http but is blocked by CORS from a file:// page;
// Check must show that real restriction.
func TestModuleScriptFileRestriction(t *testing.T) {
	dir, base := site(t)
	if res := check(t, base+"module.html"); len(res.ConsoleErrors) != 0 {
		t.Errorf("over http: ConsoleErrors = %q, want none", res.ConsoleErrors)
	}
	res := check(t, fileURL(t, filepath.Join(dir, "module.html")))
	if !containsAny(res.ConsoleErrors, "mod.js") {
		t.Errorf("over file://: ConsoleErrors = %q, want one that mentions mod.js", res.ConsoleErrors)
	}
	if len(res.OffHostRequests) != 0 {
		t.Errorf("over file://: OffHostRequests = %q, want none", res.OffHostRequests)
	}
}

func TestMissingPage(t *testing.T) {
	_, base := site(t)
	res := check(t, base+"no-such-page.html")
	if !containsAny(res.ConsoleErrors, "404") {
		t.Errorf("ConsoleErrors = %q, want one that mentions the 404 of the page", res.ConsoleErrors)
	}
}

// Checks in parallel run in separate tabs and browser contexts, and their
// results do not mix.
func TestConcurrentChecks(t *testing.T) {
	_, base := site(t)
	s := session(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	names := []string{"clean.html", "console-error.html", "offhost.html", "missing-css.html"}
	results := make([]PageResult, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Go(func() { results[i], errs[i] = s.Check(ctx, base+name) })
	}
	wg.Wait()
	for i, name := range names {
		if errs[i] != nil {
			t.Fatalf("Check(%s): %v", name, errs[i])
		}
	}
	if r := results[0]; len(r.ConsoleErrors)+len(r.OffHostRequests) != 0 {
		t.Errorf("clean.html: %+v", r)
	}
	if r := results[1]; len(r.ConsoleErrors) != 1 || !containsAny(r.ConsoleErrors, "boom") || len(r.OffHostRequests) != 0 {
		t.Errorf("console-error.html: %+v", r)
	}
	if r := results[2]; len(r.ConsoleErrors) != 0 || len(r.OffHostRequests) != 1 {
		t.Errorf("offhost.html: %+v", r)
	}
	if r := results[3]; len(r.ConsoleErrors) != 1 || !containsAny(r.ConsoleErrors, "missing.css") || len(r.OffHostRequests) != 0 {
		t.Errorf("missing-css.html: %+v", r)
	}
}

func TestServeWasm(t *testing.T) {
	_, base := site(t)
	resp, err := http.Get(base + "empty.wasm")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Content-Type"); got != "application/wasm" {
		t.Errorf("Content-Type of .wasm = %q, want application/wasm", got)
	}
	if resp.StatusCode != http.StatusOK {
		t.Errorf("status = %d, want 200", resp.StatusCode)
	}

	// WebAssembly.instantiateStreaming rejects any other Content-Type, so
	// this also checks what the browser sees. It runs in a Tab.
	s := session(t)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	tctx, tcancel := s.Tab(ctx)
	defer tcancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(base+"clean.html")); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(tctx, chromedp.Evaluate[string](
		`WebAssembly.instantiateStreaming(fetch("empty.wasm")).then(() => "ok", e => String(e))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if got != "ok" {
		t.Errorf("instantiateStreaming: %s", got)
	}
	ready, err := chromedp.Run(tctx, chromedp.Evaluate[string](`document.body.dataset.ready`))
	if err != nil || ready != "yes" {
		t.Errorf("app.js did not run in the tab: %q, %v", ready, err)
	}
}

func TestCheckBadURL(t *testing.T) {
	s := session(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := s.Check(ctx, "ftp://example.com/"); err == nil {
		t.Error("Check of an ftp URL: no error")
	}
	dir, _ := site(t)
	if _, err := s.Check(ctx, fileURL(t, filepath.Join(dir, "does-not-exist.html"))); err == nil {
		t.Error("Check of a missing file:// page: no error")
	}
}

func TestSessionCloseRemovesProfile(t *testing.T) {
	Require(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	s, err := NewSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.dataDir); err != nil {
		t.Fatalf("profile directory: %v", err)
	}
	s.Close()
	s.Close() // a second Close is harmless
	if _, err := os.Stat(s.dataDir); !os.IsNotExist(err) {
		t.Errorf("profile directory %s still there after Close (err = %v)", s.dataDir, err)
	}
}

// A broken Chromium must give an error, with its output, and not hang.
func TestNewSessionFailure(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"exits":      "#!/bin/sh\necho fake chromium is broken >&2\nexit 1\n",
		"not-binary": "this is not a program\n",
	} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, []byte(body), 0o755); err != nil {
				t.Fatal(err)
			}
			t.Setenv("CHROMIUM_PATH", p)
			if got, ok := Available(); !ok || got != p {
				t.Fatalf("Available() = %q, %v; want %q, true", got, ok, p)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			done := make(chan error, 1)
			go func() {
				s, err := NewSession(ctx)
				if err == nil {
					s.Close()
				}
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil {
					t.Fatal("NewSession with a broken binary: no error")
				}
				t.Logf("error: %v", err)
				if name == "exits" && !strings.Contains(err.Error(), "fake chromium is broken") {
					t.Errorf("error does not carry the browser output: %v", err)
				}
			case <-time.After(30 * time.Second):
				t.Fatal("NewSession with a broken binary hangs")
			}
		})
	}
	t.Setenv("CHROMIUM_PATH", filepath.Join(dir, "does-not-exist"))
	if _, ok := Available(); ok {
		t.Error("Available() with CHROMIUM_PATH pointing nowhere = true")
	}
}

func TestIsOffHost(t *testing.T) {
	httpPage, err := newCollector("http://127.0.0.1:8080/a/b.html")
	if err != nil {
		t.Fatal(err)
	}
	filePage, err := newCollector("file:///tmp/site/index.html")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		c    *collector
		url  string
		want bool
	}{
		{httpPage, "http://127.0.0.1:8080/style.css", false},
		{httpPage, "ws://127.0.0.1:8080/live", false},
		{httpPage, "http://127.0.0.1:8081/style.css", true},
		{httpPage, "http://localhost:8080/style.css", true},
		{httpPage, "https://example.com/x.png", true},
		{httpPage, "wss://example.com/socket", true},
		{httpPage, "data:image/png;base64,AAAA", false},
		{httpPage, "blob:http://127.0.0.1:8080/0c6c7a1e", false},
		{filePage, "file:///tmp/site/style.css", false},
		{filePage, "data:text/css,body{}", false},
		{filePage, "http://127.0.0.1:8080/x", true},
		{filePage, "https://fonts.example/f.woff2", true},
		{filePage, "ws://127.0.0.1:1/", true},
	}
	for _, tt := range tests {
		if got := tt.c.isOffHost(tt.url); got != tt.want {
			t.Errorf("page %s: isOffHost(%q) = %v, want %v", tt.c.page, tt.url, got, tt.want)
		}
	}
	defaultPort, _ := newCollector("http://example.org/")
	if defaultPort.isOffHost("http://example.org:80/x") {
		t.Error("http://example.org:80 is off-host of http://example.org/")
	}
}
