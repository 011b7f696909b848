package site

import (
	"path"
	"strings"
	"testing"
)

// relBySplitting is Rel as first written, by splitting both paths.
func relBySplitting(from, to string) string {
	fromDir := path.Dir(from)
	if fromDir == "." {
		return to
	}
	up := strings.Count(fromDir, "/") + 1
	fparts := strings.Split(fromDir, "/")
	tparts := strings.Split(to, "/")
	common := 0
	for common < len(fparts) && common < len(tparts)-1 && fparts[common] == tparts[common] {
		common++
	}
	up -= common
	return strings.Repeat("../", up) + strings.Join(tparts[common:], "/")
}

func TestRelAsBySplitting(t *testing.T) {
	paths := []string{"index.html", "a.html", "ja/index.html", "ja/a/index.html", "ja/a/b/index.html",
		"ja/b/index.html", "en/a/index.html", "ja/a/x/y/z.html", "ja/ja/index.html", "a/a/a.html",
		"assets/style.css", "ja/a", "ja/a/", "ja", "pt-br/sanda/renewal/flow/q1.html"}
	for _, from := range paths {
		for _, to := range paths {
			if got, want := Rel(from, to), relBySplitting(from, to); got != want {
				t.Errorf("Rel(%q, %q) = %q, want %q", from, to, got, want)
			}
		}
	}
}
