package site_test

import (
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/site"
)

// TestWrittenPagesAreRenderedPages: a build renders its pages into buffers
// that render other pages once written (RenderTo's free). Every page it
// writes must be the page Render returns (which keeps every buffer), so a
// buffer given back before its page was written shows here as a page with
// another page's bytes.
func TestWrittenPagesAreRenderedPages(t *testing.T) {
	out, _ := buildSite(t, repoFS(t), "default")
	written := readTree(t, out)
	var errs diag.List
	s := site.Load(repoFS(t), "default", &errs)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	rendered, err := s.Render(2, &errs)
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for p, b := range rendered {
		if strings.HasSuffix(p, ".html") {
			pages++
		}
		if string(written[p]) != string(b) {
			t.Errorf("%s: written %d bytes, rendered %d, not the same", p, len(written[p]), len(b))
		}
	}
	if pages < 100 {
		t.Fatalf("only %d pages rendered", pages)
	}
}
