package site

import (
	"strings"
	"testing"
)

// pageRel gives what Rel of PagePath gives, in one allocation at most.
func TestPageRelIsRelOfPagePath(t *testing.T) {
	for _, from := range []string{
		"index.html",
		"en/index.html",
		"en/sanda/index.html",
		"en/sanda/moving-in/index.html",
		"en/sanda/moving-in/check/a.b.html",
		"ja/sanda/index.html",
		"zh/hans/sanda/index.html",
	} {
		for _, dir := range []string{"en", "ja", "zh/hans", "zh/hant"} {
			for _, key := range [][]string{nil, {"sanda"}, {"sanda", "moving-in"}, {"sakuragawa", "moving-in"}, {strings.Repeat("long", 60)}} {
				want := Rel(from, PagePath(dir, strings.Join(key, "/")))
				if got := pageRel(from, dir, key...); got != want {
					t.Errorf("from %s to %s %q: %q, want %q", from, dir, key, got, want)
				}
			}
		}
	}
	for _, from := range []string{"en/sanda/moving-in/index.html", "en/sanda/moving-in/check/a.b.html", "ja/sanda/index.html", "index.html"} {
		if allocs := testing.AllocsPerRun(20, func() { hrefSink = pageRel(from, "en", "sanda", "moving-in") }); allocs > 1 {
			t.Errorf("from %s: %v allocations", from, allocs)
		}
	}
}
