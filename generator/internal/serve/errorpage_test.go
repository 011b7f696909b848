package serve

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

type response struct {
	code int
	head http.Header
	body string
}

func fetch(t *testing.T, url string) response {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header, string(b)}
}

// breakProject makes two problems in two files of a copy of the sample.
func breakProject(t *testing.T) string {
	t.Helper()
	root := project(t)
	edit(t, filepath.Join(root, "rules/sanda/city.yaml"), "  phone: 079-559-5044", "  phone: [079-559-5044")
	edit(t, filepath.Join(root, "content/sanda/_index.en.md"), "---\ntitle: Sanda City", "---\ntitle: Sanda City\ncolour: blue")
	return root
}

// inlineCode finds what a strict CSP blocks: inline scripts, style
// elements and attributes, event handler attributes.
var inlineCode = regexp.MustCompile(`<script(?:\s[^>]*)?>[^<]|<style|\sstyle=|\son[a-z]+=`)

func TestFirstBuildFailsShowsEveryProblemUntilFixed(t *testing.T) {
	root := breakProject(t)
	s := &Server{Root: root, Every: 20_000_000, Lang: "en"}
	if _, err := s.Rebuild(); err == nil {
		t.Fatal("the broken project built")
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Watch(ctx)
	<-s.Ready()

	// No version was ever built: every address shows the problems.
	for _, page := range []string{"/", "/en/sanda/index.html", "/ja/sakuragawa/renewal/"} {
		r := fetch(t, ts.URL+page)
		if r.code != http.StatusInternalServerError || !strings.HasPrefix(r.head.Get("Content-Type"), "text/html") {
			t.Errorf("%s: %d %s", page, r.code, r.head.Get("Content-Type"))
		}
		for _, want := range []string{"The site could not be built", "rules/sanda/city.yaml:39:", "content/sanda/_index.en.md:3:", "What to do:", `<script src="/__tebiki/reload.js" data-version="1">`} {
			if !strings.Contains(r.body, want) {
				t.Errorf("%s: the error page lacks %q:\n%s", page, want, r.body)
			}
		}
		if got := strings.Count(r.body, "<li>"); got != 2 {
			t.Errorf("%s: %d problems listed, want 2", page, got)
		}
		if r.head.Get("Content-Security-Policy") != previewCSP {
			t.Errorf("%s: CSP %q", page, r.head.Get("Content-Security-Policy"))
		}
		if m := inlineCode.FindString(r.body); m != "" {
			t.Errorf("%s: inline code a strict CSP blocks: %q", page, m)
		}
	}
	for _, asset := range []string{"/__tebiki/reload.js", "/__tebiki/preview.css"} {
		if r := fetch(t, ts.URL+asset); r.code != 200 || len(r.body) < 50 {
			t.Errorf("%s: %d", asset, r.code)
		}
	}

	// In Japanese for staff who read Japanese.
	s.Lang = "ja"
	if r := fetch(t, ts.URL+"/"); !strings.Contains(r.body, "サイトを作れませんでした") || !strings.Contains(r.body, "直し方：") || !strings.Contains(r.body, `lang="ja"`) {
		t.Errorf("the Japanese error page:\n%s", r.body)
	}
	s.Lang = "en"

	// Fixing one problem: the page lists the other.
	wait := nextReload(t, ts.URL)
	edit(t, filepath.Join(root, "rules/sanda/city.yaml"), "  phone: [079-559-5044", "  phone: 079-559-5044")
	wait()
	if r := fetch(t, ts.URL+"/en/sanda/index.html"); r.code != 500 || strings.Contains(r.body, "city.yaml") || !strings.Contains(r.body, "_index.en.md:3:") {
		t.Errorf("after one fix: %d\n%s", r.code, r.body)
	}
	// Fixing both: the site.
	wait = nextReload(t, ts.URL)
	edit(t, filepath.Join(root, "content/sanda/_index.en.md"), "\ncolour: blue", "")
	wait()
	if r := fetch(t, ts.URL+"/en/sanda/index.html"); r.code != 200 || !strings.Contains(r.body, "Guides to the electronic certificate procedures in Sanda") {
		t.Errorf("after the fix: %d\n%.500s", r.code, r.body)
	}
}

func TestPageNotInLastGoodVersionShowsProblems(t *testing.T) {
	root := project(t)
	s := &Server{Root: root, Lang: "en"}
	if _, err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	// A page that does not exist after a good build: 404, reloading.
	r := fetch(t, ts.URL+"/en/kita/")
	if r.code != 404 || !strings.Contains(r.body, "There is no page here") || !strings.Contains(r.body, "/__tebiki/reload.js") {
		t.Errorf("missing page after a good build: %d\n%s", r.code, r.body)
	}
	// After a failed build, a page the last good version lacks shows the
	// problems, not a 404; pages it has stay, with the problems below.
	edit(t, filepath.Join(root, "rules/sanda/city.yaml"), "  phone: 079-559-5044", "  phone: [079-559-5044")
	s.Rebuild()
	r = fetch(t, ts.URL+"/en/kita/")
	if r.code != 500 || !strings.Contains(r.body, "rules/sanda/city.yaml:39:") || !strings.Contains(r.body, "not in the last version that built") {
		t.Errorf("never built page after a failed build: %d\n%s", r.code, r.body)
	}
	r = fetch(t, ts.URL+"/en/sanda/index.html")
	if r.code != 200 || !strings.Contains(r.body, `id="tebiki-build-error"`) || inlineCode.MatchString(r.body[strings.Index(r.body, "tebiki-build-error")-100:]) {
		t.Errorf("last good page with the problems: %d", r.code)
	}
	// A folder's address without its slash goes to the folder.
	if resp, err := http.Get(ts.URL + "/en/sanda"); err != nil || resp.Request.URL.Path != "/en/sanda/" || resp.StatusCode != 200 {
		t.Errorf("/en/sanda: %v %v", err, resp.Request.URL)
	}
}
