package site_test

import (
	"bytes"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/tdewolff/minify/v2"
	minhtml "github.com/tdewolff/minify/v2/html"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/site"
)

// TestLayoutsMinifiedOnce: the layouts are minified when the theme loads,
// and pages are no longer minified one by one. Every page must be what the
// former way wrote (each page rendered from the layouts as written, then
// minified) but for what the minifier removes or shortens: the page, minified,
// is byte for byte the former page. Scripts (the checker's JSON) and <pre>
// are the same bytes, and the pages grow by at most 1 %.
func TestLayoutsMinifiedOnce(t *testing.T) {
	pageMin := minify.New()
	pageMin.Add("text/html", &minhtml.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	for _, c := range []struct {
		name, theme string
		fsys        fs.FS
	}{
		{"sample site", "default", repoFS(t)},
		{"fixture site", "t", loadFixture(t, "site")},
	} {
		t.Run(c.name, func(t *testing.T) {
			render := func(plain bool) map[string][]byte {
				var errs diag.List
				s := site.Load(c.fsys, c.theme, &errs)
				if err := errs.Err(); err != nil {
					t.Fatal(err)
				}
				if !plain && !s.Theme.Minified {
					t.Fatal("the layouts were not minified when the theme loaded")
				}
				if plain {
					s.Theme.UsePlainLayouts()
				}
				files, err := s.Render(2, &errs)
				if err != nil {
					t.Fatal(err)
				}
				return files
			}
			got, want := render(false), render(true)
			var gotBytes, wantBytes int
			pages := 0
			for _, p := range sortedNames(want) {
				if !strings.HasSuffix(p, ".html") {
					continue
				}
				pages++
				g, w := got[p], want[p]
				gotBytes += len(g)
				wantBytes += len(w)
				var again bytes.Buffer
				if err := pageMin.Minify("text/html", &again, bytes.NewReader(g)); err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				if !bytes.Equal(again.Bytes(), w) {
					i := 0
					for i < len(w) && i < again.Len() && w[i] == again.Bytes()[i] {
						i++
					}
					t.Errorf("%s, minified, differs from the page minified after rendering, at byte %d:\n got: %q\nwant: %q", p, i, around(again.Bytes(), i), around(w, i))
				}
				for _, tag := range []string{"script", "pre"} {
					if gs, ws := elements(g, tag), elements(w, tag); !slices.Equal(gs, ws) {
						t.Errorf("%s: the <%s> elements differ:\n got: %q\nwant: %q", p, tag, gs, ws)
					}
				}
			}
			if pages == 0 {
				t.Fatal("no pages")
			}
			if gotBytes > wantBytes+wantBytes/100 {
				t.Errorf("%d pages: %d bytes, %d when each page was minified: more than 1 %% larger", pages, gotBytes, wantBytes)
			}
			t.Logf("%d pages: %d bytes, %d when each page was minified (%+.2f %%)", pages, gotBytes, wantBytes, 100*float64(gotBytes-wantBytes)/float64(wantBytes))
		})
	}
}

func around(b []byte, i int) []byte { return b[max(0, i-60):min(len(b), i+60)] }

// elements returns the elements named tag in page, from their start tag to
// their end tag.
func elements(page []byte, tag string) []string {
	var out []string
	s := string(page)
	for {
		i := strings.Index(s, "<"+tag)
		if i < 0 {
			return out
		}
		j := strings.Index(s[i:], "</"+tag+">")
		if j < 0 {
			return append(out, s[i:])
		}
		out = append(out, s[i:i+j])
		s = s[i+j:]
	}
}
