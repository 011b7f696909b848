package site_test

import (
	"path/filepath"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// A build with nothing changed over the output of a build that warned takes
// the fast path (nothing loaded) and shows the same warnings, in both
// languages, as the build that made them.
func TestUnchangedBuildWarnsAgain(t *testing.T) {
	fsys := incBase(t)
	// yama, a copy of kawa, still has kawa's building: a warning.
	edit(fsys, "rules/yama/city.yaml", "山市役所", "川市役所")
	out := filepath.Join(t.TempDir(), "public")
	first, err := site.Build(incOptions(fsys, out))
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Warnings) == 0 {
		t.Fatal("the fixture gives no warning; this test needs one")
	}
	again, err := site.Build(incOptions(fsys, out))
	if err != nil {
		t.Fatal(err)
	}
	if !again.Unchanged {
		t.Errorf("built again with nothing changed after a warning: %s (%s); want nothing loaded", again, again.Full)
	}
	if len(again.Warnings) != len(first.Warnings) {
		t.Fatalf("%d warnings again, want %d", len(again.Warnings), len(first.Warnings))
	}
	for i, w := range first.Warnings {
		for _, lang := range []string{"ja", "en"} {
			if got, want := again.Warnings[i].StringIn(lang), w.StringIn(lang); got != want {
				t.Errorf("warning %d in %s:\n got %s\nwant %s", i, lang, got, want)
			}
		}
	}
}
