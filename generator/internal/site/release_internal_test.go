package site

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/wasm/decide"
)

// A build into a folder lets go of each page's flow step and Markdown once
// the page is rendered, and writes the same files as a rendering that keeps
// them (Site.Render, which leaves the site whole).
func TestBuildReleasesRenderedPages(t *testing.T) {
	src := os.DirFS(filepath.Join("..", "..", ".."))
	date, _ := decide.ParseDate("2026-11-22")
	load := func() *Site {
		var errs diag.List
		s := LoadAt(src, "default", date, &errs)
		if err := errs.Err(); err != nil {
			t.Fatal(err)
		}
		return s
	}
	whole := load()
	want, err := whole.Render(2, &diag.List{})
	if err != nil {
		t.Fatal(err)
	}
	nodes, bodies := 0, 0
	for _, p := range whole.Pages {
		if p.Node != nil {
			nodes++
		}
		if p.Content != nil && p.Content.Body != nil {
			bodies++
		}
	}
	if nodes == 0 || bodies == 0 {
		t.Fatalf("Render let go of the pages (%d flow steps, %d Markdown bodies kept): it must keep the site whole", nodes, bodies)
	}

	s := load()
	var mu sync.Mutex
	got := map[string][]byte{}
	err = s.renderInto(Options{}, func(f outFile) error {
		mu.Lock()
		got[f.path] = bytes.Clone(f.data) // the bytes may be lent, for this call only
		mu.Unlock()
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range s.Pages {
		if p.Node != nil {
			t.Errorf("%s still holds its flow step", p.Path)
		}
		if p.Content != nil && (p.Content.Body != nil || p.Content.Src != nil) {
			t.Errorf("%s still holds its Markdown", p.Path)
		}
	}
	if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want))) {
		t.Fatalf("the build wrote %d files, Render %d", len(got), len(want))
	}
	for p, b := range want {
		if !bytes.Equal(got[p], b) {
			t.Errorf("%s differs from Render's", p)
		}
	}
}
