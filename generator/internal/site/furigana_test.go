package site_test

import (
	"os"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/furigana"
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
