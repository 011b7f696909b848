package serve

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tebiki/tebiki/generator/internal/bench"
)

// project copies the sample project's inputs into a temporary folder.
func project(t testing.TB) string {
	t.Helper()
	src := filepath.Join("..", "..", "..")
	dst := t.TempDir()
	for _, dir := range []string{"content", "rules", "themes"} {
		err := filepath.Walk(filepath.Join(src, dir), func(p string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			if info.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"tebiki.yaml", "glossary.yaml"} {
		b, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func edit(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// nextReload opens the event stream and returns a function that waits for
// the next "reload" event.
func nextReload(t *testing.T, base string) func() {
	t.Helper()
	resp, err := http.Get(base + "/__tebiki/events")
	if err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(resp.Body)
	line, _ := r.ReadString('\n')
	if line != "event: hello\n" {
		t.Fatalf("first event: %q", line)
	}
	return func() {
		t.Helper()
		defer resp.Body.Close()
		done := make(chan string, 1)
		go func() {
			for {
				l, err := r.ReadString('\n')
				if err != nil || l == "event: reload\n" {
					done <- l
					return
				}
			}
		}()
		select {
		case l := <-done:
			if l != "event: reload\n" {
				t.Fatalf("event stream ended without a reload: %q", l)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("no reload event within 10s of the edit")
		}
	}
}

// eventually polls get(url) until ok holds, for up to 5 seconds.
func eventually(t *testing.T, url string, ok func(string) bool) string {
	t.Helper()
	var body string
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if body = get(t, url); ok(body) {
			break
		}
	}
	return body
}

func TestServeRebuildsOnEditAndKeepsLastGoodSite(t *testing.T) {
	root := project(t)
	s := &Server{Root: root, Every: 20 * time.Millisecond}
	if _, err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Watch(ctx)
	<-s.Ready()

	page := ts.URL + "/en/sanda/index.html"
	if body := get(t, page); !strings.Contains(body, "Guides to the electronic certificate procedures in Sanda") || !strings.Contains(body, "/__tebiki/reload.js") {
		t.Fatalf("first page lacks its text or the reload script:\n%s", body)
	}

	// A content edit is rebuilt and announced.
	wait := nextReload(t, ts.URL)
	edit(t, filepath.Join(root, "content/sanda/_index.en.md"), "one per procedure.", "one per procedure. Edited in preview.")
	wait()
	if body := get(t, page); !strings.Contains(body, "Edited in preview.") {
		t.Fatal("the edit is not in the served page")
	}

	// A broken rule file keeps the last good site, with the problem shown.
	wait = nextReload(t, ts.URL)
	edit(t, filepath.Join(root, "rules/sanda/city.yaml"), "  phone: 079-559-5044", "  phone: [079-559-5044")
	wait()
	body := get(t, page)
	if !strings.Contains(body, "Edited in preview.") {
		t.Error("the last good site is gone after a failing edit")
	}
	if !strings.Contains(body, `id="tebiki-build-error"`) || !strings.Contains(body, "rules/sanda/city.yaml:") {
		t.Errorf("the page does not show the build problem:\n%s", body)
	}

	// Fixing it clears the problem.
	wait = nextReload(t, ts.URL)
	edit(t, filepath.Join(root, "rules/sanda/city.yaml"), "  phone: [079-559-5044", "  phone: 079-559-5044")
	wait()
	if body := eventually(t, page, func(b string) bool { return !strings.Contains(b, "tebiki-build-error") }); strings.Contains(body, "tebiki-build-error") {
		t.Error("the problem is still shown after the fix")
	}
	resp, err := http.Get(ts.URL + "/nope.html")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(b), "There is no page here") || !strings.Contains(string(b), "/__tebiki/reload.js") {
		t.Errorf("missing page: %d %q", resp.StatusCode, b)
	}
}

// BenchmarkRebuildAfterEdit times what serve does after a one-file change on
// the sample site: a full rebuild in memory (without the checker binary).
//
//	go test ./generator/internal/serve -run '^$' -bench RebuildAfterEdit
func BenchmarkRebuildAfterEdit(b *testing.B) {
	root := project(b)
	s := &Server{Root: root}
	file := filepath.Join(root, "rules/sanda/city.yaml")
	orig, _ := os.ReadFile(file)
	b.ResetTimer()
	for i := range b.N {
		// A fact a page shows but no rule test pins: the fax number.
		os.WriteFile(file, []byte(strings.Replace(string(orig), "079-563-2101", []string{"079-563-2101", "079-563-2102"}[i%2], 1)), 0o644)
		if _, err := s.Rebuild(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPreviewOneCityEdit times what serve does after one city's rules
// change on a generated national-scale project: the rebuild of that city's
// pages and the top pages (everything is still loaded and checked). The
// project size comes from TEBIKI_BENCH_CITIES (default 100); or
// TEBIKI_BENCH_SRC names a generated project to use (and edit) as it is:
//
//	TEBIKI_BENCH_CITIES=1741 go test ./generator/internal/serve -run '^$' -bench PreviewOneCityEdit -benchtime 3x -timeout 30m
func BenchmarkPreviewOneCityEdit(b *testing.B) {
	n := 100
	if v := os.Getenv("TEBIKI_BENCH_CITIES"); v != "" {
		fmt.Sscanf(v, "%d", &n)
	}
	dir := os.Getenv("TEBIKI_BENCH_SRC")
	if dir == "" {
		dir = b.TempDir()
		if err := bench.GenerateSiteFrom(filepath.Join("..", "..", ".."), dir, n, 1); err != nil {
			b.Fatal(err)
		}
	}
	s := &Server{Root: dir, Date: "2026-11-22"}
	start := time.Now()
	if _, err := s.Rebuild(); err != nil {
		b.Fatal(err)
	}
	full := time.Since(start)
	b.ResetTimer()
	for i := range b.N {
		if _, err := bench.EditHours(dir, "c0001", []string{"17:15", "17:00"}[i%2]); err != nil {
			b.Fatal(err)
		}
		if _, err := s.RebuildCities([]string{"c0001"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(full.Milliseconds()), "full-rebuild-ms")
	b.ReportMetric(float64(len(s.files)), "files")
}

// TestPartialRebuildMatchesFull checks that rebuilding one city after an edit
// gives the same files as rebuilding everything.
func TestPartialRebuildMatchesFull(t *testing.T) {
	root := project(t)
	s := &Server{Root: root, Date: "2026-11-22"}
	if _, err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	edit(t, filepath.Join(root, "content/sanda/_index.en.md"), "one per procedure.", "one per procedure. Partial.")
	edit(t, filepath.Join(root, "rules/sanda/city.yaml"), "  fax: 079-563-2101", "  fax: 079-563-2109")
	edit(t, filepath.Join(root, "content/sanda/issuance.en.md"), "If your certificates are about to expire, see [Renewing the certificates](renewal.md).", "")
	edit(t, filepath.Join(root, "content/sanda/issuance.ja.md"), "電子証明書の有効期限が近い方は、[電子証明書の更新](renewal.md)をご覧ください。", "")
	edit(t, filepath.Join(root, "content/sanda/issuance.easy.md"), "電子証明書の有効期限（使うことができる期限）が近い人は、[電子証明書の更新](renewal.md)を見てください。", "")
	os.Remove(filepath.Join(root, "content/sanda/renewal.en.md")) // a page that goes: must vanish
	os.Remove(filepath.Join(root, "content/sanda/renewal.ja.md"))
	os.Remove(filepath.Join(root, "content/sanda/renewal.easy.md"))
	os.Remove(filepath.Join(root, "rules/sanda/renewal.yaml"))
	os.Remove(filepath.Join(root, "rules/sanda/renewal.test.yaml"))
	if _, err := s.RebuildCities([]string{"sanda"}); err != nil {
		t.Fatal(err)
	}
	partial := s.files
	full := &Server{Root: root, Date: "2026-11-22"}
	if _, err := full.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if len(partial) != len(full.files) {
		t.Errorf("partial rebuild has %d files, full rebuild %d", len(partial), len(full.files))
	}
	for p := range partial {
		if _, ok := full.files[p]; !ok {
			t.Errorf("%s is left from before the edit: the full rebuild has no such file", p)
		}
	}
	for p, b := range full.files {
		if !bytes.Equal(partial[p], b) {
			t.Errorf("%s differs between the partial and the full rebuild", p)
		}
	}
	if !strings.Contains(string(partial["en/sanda/index.html"]), "Partial.") {
		t.Error("the edit is not in the partial rebuild")
	}
}

func TestAffectedCities(t *testing.T) {
	snap := func(files ...string) string {
		var b strings.Builder
		for _, f := range files {
			fmt.Fprintf(&b, "%s\x00%s\n", f, "1 1")
		}
		return b.String()
	}
	base := snap("rules/national.yaml", "rules/sanda/city.yaml", "content/sanda/_index.en.md", "content/_index.en.md", "themes/default/layouts/base.html")
	tests := []struct {
		after string
		want  []string
	}{
		{strings.Replace(base, "rules/sanda/city.yaml\x001 1", "rules/sanda/city.yaml\x001 2", 1), []string{"sanda"}},
		{strings.Replace(base, "content/sanda/_index.en.md\x001 1", "content/sanda/_index.en.md\x002 2", 1), []string{"sanda"}},
		{base + snap("rules/kobe/city.yaml"), []string{"kobe"}},
		{strings.Replace(base, "content/_index.en.md\x001 1", "content/_index.en.md\x001 3", 1), []string{}},
		{strings.Replace(base, "rules/national.yaml\x001 1", "rules/national.yaml\x009 9", 1), nil},
		{strings.Replace(base, "base.html\x001 1", "base.html\x002 1", 1), nil},
	}
	for i, tt := range tests {
		got := affected(base, tt.after)
		if (got == nil) != (tt.want == nil) || strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%d: affected = %#v, want %#v", i, got, tt.want)
		}
	}
}

// A rebuild of some cities takes the others from the last good build; the
// cities of a build that failed since are read again, so their problems
// are still reported, and once fixed the site is a full build's.
func TestPartialRebuildAfterFailure(t *testing.T) {
	root := project(t)
	s := &Server{Root: root, Date: "2026-11-22"}
	if _, err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	city := filepath.Join(root, "rules/sanda/city.yaml")
	edit(t, city, `close: "17:30"`, `close: "25:00"`)
	if _, err := s.RebuildCities([]string{"sanda"}); err == nil {
		t.Fatal("the rebuild succeeded with a wrong time")
	}
	edit(t, filepath.Join(root, "content/sakuragawa/_index.en.md"), "one per procedure.", "one per procedure. Edited.")
	if _, err := s.RebuildCities([]string{"sakuragawa"}); err == nil || !strings.Contains(err.Error(), "rules/sanda/city.yaml") {
		t.Fatalf("an edit of another city after the failed one: %v; want sanda's problem again", err)
	}
	edit(t, city, `close: "25:00"`, `close: "17:45"`)
	edit(t, filepath.Join(root, "content/sakuragawa/_index.en.md"), "Edited.", "Edited twice.")
	if _, err := s.RebuildCities([]string{"sakuragawa"}); err == nil {
		t.Fatal("sanda's rule tests, which name 17:30, passed with 17:45")
	}
	edit(t, city, `close: "17:45"`, `close: "17:30"`)
	if _, err := s.RebuildCities([]string{"sanda"}); err != nil {
		t.Fatal(err)
	}
	full := &Server{Root: root, Date: "2026-11-22"}
	if _, err := full.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if len(s.files) != len(full.files) {
		t.Errorf("partial rebuilds: %d files, full rebuild %d", len(s.files), len(full.files))
	}
	for p, b := range full.files {
		if !bytes.Equal(s.files[p], b) {
			t.Errorf("%s differs between the partial and the full rebuild", p)
		}
	}
	if !strings.Contains(string(s.files["en/sakuragawa/index.html"]), "Edited twice.") {
		t.Error("the edit is not in the partial rebuild")
	}
}

// Through the watcher and a real HTTP client: after a failed edit of one
// city, an edit of another still shows the first city's problem (its
// rules are read again, not taken from the last good build); once fixed,
// both edits are served.
func TestServeKeepsAFailedCitysProblemAcrossEdits(t *testing.T) {
	root := project(t)
	s := &Server{Root: root, Every: 20 * time.Millisecond}
	if _, err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Watch(ctx)
	<-s.Ready()

	page := ts.URL + "/en/sakuragawa/index.html"
	wait := nextReload(t, ts.URL)
	edit(t, filepath.Join(root, "rules/sanda/city.yaml"), "  phone: 079-559-5044", "  phone: [079-559-5044")
	wait()
	wait = nextReload(t, ts.URL)
	edit(t, filepath.Join(root, "content/sakuragawa/_index.en.md"), "one per procedure.", "one per procedure. Edited in preview.")
	wait()
	if body := get(t, page); !strings.Contains(body, `id="tebiki-build-error"`) || !strings.Contains(body, "rules/sanda/city.yaml:") {
		t.Errorf("after an edit of another city, the page does not show sanda's problem:\n%s", body)
	}
	wait = nextReload(t, ts.URL)
	edit(t, filepath.Join(root, "rules/sanda/city.yaml"), "  phone: [079-559-5044", "  phone: 079-559-5044")
	wait()
	body := eventually(t, page, func(b string) bool { return !strings.Contains(b, "tebiki-build-error") })
	if strings.Contains(body, "tebiki-build-error") || !strings.Contains(body, "Edited in preview.") {
		t.Errorf("after the fix: the problem still shown, or the edit missing:\n%s", body)
	}
}
