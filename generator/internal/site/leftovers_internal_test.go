package site

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// A build removes the staging folders that killed builds into the same
// output left beside it (named .OUT.new-* and holding the marker), and
// nothing else: a folder of that name without the marker, a link, and
// another output's staging folder survive.
func TestLeftoverStagingRemoved(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	write := func(name, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// What a build killed while rendering leaves: its staging folder.
	killed, err := newTemp(out)
	if err != nil {
		t.Fatal(err)
	}
	write(filepath.Join(killed, "ja", "index.html"), "half a site")
	// What a build killed during the swap leaves: the old output, marked.
	swapped := filepath.Join(parent, ".public.new-12345.old")
	write(filepath.Join(swapped, "index.html"), "old site")
	if err := markStaging(swapped); err != nil {
		t.Fatal(err)
	}
	// Not Tebiki's, or not this output's.
	unmarked := filepath.Join(parent, ".public.new-mine")
	write(filepath.Join(unmarked, "notes.txt"), "someone's")
	other, err := newTemp(filepath.Join(parent, "preview"))
	if err != nil {
		t.Fatal(err)
	}
	linkTarget := filepath.Join(t.TempDir(), "target")
	write(filepath.Join(linkTarget, stagingMarker), "")
	write(filepath.Join(linkTarget, "keep.txt"), "keep")
	link := filepath.Join(parent, ".public.new-link")
	if err := os.Symlink(linkTarget, link); err != nil {
		t.Fatal(err)
	}
	markerFile := filepath.Join(parent, ".public.new-file")
	write(markerFile, "a file, not a folder")

	if _, err := Build(Options{Src: os.DirFS(filepath.Join("..", "..", "..")), Out: out, Date: "2026-11-22"}); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{".public.new-file", ".public.new-link", ".public.new-mine", filepath.Base(other), "public"}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("beside the output after the build: %q; want %q", names, want)
	}
	if b, err := os.ReadFile(filepath.Join(unmarked, "notes.txt")); string(b) != "someone's" {
		t.Errorf("the unmarked folder lost its file: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(linkTarget, "keep.txt")); string(b) != "keep" {
		t.Errorf("the link's target lost its file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, stagingMarker)); err == nil {
		t.Errorf("the output holds the staging marker")
	}
}
