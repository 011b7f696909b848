package site_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/furigana"
	"github.com/tebiki/tebiki/generator/internal/site"
)

// Every kanji word of the Easy Japanese pages carries its reading (<ruby>),
// outside the glossary's exceptions (words marked false) and what cannot
// carry ruby (<title>, attributes).
func TestEasyJapaneseHasFurigana(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the sample site with the full dictionary")
	}
	out, _ := buildSample(t)
	var errs diag.List
	g := furigana.Load(os.DirFS(repoRoot(t)), &errs)
	if errs.Len() > 0 {
		t.Fatal(errs.Err())
	}
	files := readTree(t, out)
	pages := 0
	for p, b := range files {
		if !strings.HasPrefix(p, "easy/") || !strings.HasSuffix(p, ".html") {
			continue
		}
		pages++
		s := string(b)
		if !strings.Contains(s, `<html lang="ja"`) {
			t.Errorf("%s: not marked as Japanese", p)
		}
		if !strings.Contains(s, `id="furigana-toggle" checked`) {
			t.Errorf("%s: no furigana toggle, on by default", p)
		}
		if m := g.Missing(s); len(m) > 0 {
			t.Errorf("%s: kanji without a reading: %v", p, m)
		}
	}
	if pages < 40 {
		t.Fatalf("only %d Easy Japanese pages", pages)
	}
	// The other editions carry none.
	for p, b := range files {
		if strings.HasPrefix(p, "ja/") && strings.Contains(string(b), "<ruby>") {
			t.Errorf("%s: furigana on a page of a language without them", p)
		}
	}
}

// check lists, at their place, the kanji words of an edition with furigana
// that have neither a dictionary reading nor a glossary entry; a glossary
// entry silences it.
func TestUnknownKanjiWordsAreListed(t *testing.T) {
	page := "---\ntitle: 三田市\n---\n三田市の手続きを案内します。\n\n鬱齉齾の窓口もあります。\n"
	upper := fstest.MapFS{"content/sanda/_index.easy.md": &fstest.MapFile{Data: []byte(page)}}
	var errs diag.List
	site.Load(overlayFS{upper: upper, lower: repoFS(t)}, "default", &errs)
	var got []string
	for _, d := range errs.Warnings() {
		if strings.Contains(d.Msg.String(), "no reading") {
			got = append(got, d.Pos.String()+": "+d.Msg.String())
		}
	}
	if len(got) == 0 || !strings.Contains(strings.Join(got, "\n"), "齉") {
		t.Fatalf("warnings: %q", got)
	}
	for _, w := range got {
		if !strings.HasPrefix(w, "content/sanda/_index.easy.md:6:1: no reading for the kanji word") {
			t.Errorf("warning %q: want it at content/sanda/_index.easy.md:6:1", w)
		}
	}
	if errs.Err() != nil {
		t.Errorf("a word without reading stops the build: %v", errs.Err())
	}

	// The glossary gives it a reading: no warning, and the page shows it.
	glossary, err := os.ReadFile(filepath.Join(repoRoot(t), "glossary.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	upper["glossary.yaml"] = &fstest.MapFile{Data: append(glossary, []byte("\n鬱齉齾: うつのうがい\n")...)}
	errs = diag.List{}
	site.Load(overlayFS{upper: upper, lower: repoFS(t)}, "default", &errs)
	for _, d := range errs.Warnings() {
		if strings.Contains(d.Msg.String(), "no reading") {
			t.Errorf("with a glossary entry: %s: %s", d.Pos, d.Msg)
		}
	}
}
