package site_test

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/generator/internal/yamlx"
)

// A build lets go of the cache of parsed YAML once everything is loaded
// (its memory serves the rendering instead), having saved it: the next
// build takes its trees from the file.
func TestYAMLCacheReleasedAfterLoading(t *testing.T) {
	t.Setenv("TEBIKI_CACHE", t.TempDir())
	fsys := loadFixture(t, "site")
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(incOptions(fsys, out)); err != nil {
		t.Fatal(err)
	}
	if yamlx.NodeCacheHeld() {
		t.Error("the cache of parsed YAML is still held after the build")
	}
	hits := yamlx.NodeCacheHits()
	if _, err := site.Build(incOptions(fsys, filepath.Join(t.TempDir(), "public"))); err != nil {
		t.Fatal(err)
	}
	if yamlx.NodeCacheHits() == hits {
		t.Error("the next build took no tree from the saved cache")
	}
}

// A build that reads only the edited cities neither reads nor writes the
// cache of parsed YAML: it parses a few files sooner than it would read the
// cache, and the cache stays whole for the next full build.
func TestLightBuildLeavesYAMLCache(t *testing.T) {
	caches := t.TempDir()
	t.Setenv("TEBIKI_CACHE", caches)
	base := incBase(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(incOptions(base, out)); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(caches, "yaml-*.cache"))
	if len(files) != 1 {
		t.Fatalf("%d YAML cache files after a full build, want 1", len(files))
	}
	before, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	fsys := maps.Clone(base)
	edit(fsys, "rules/minato/city.yaml", `close: "17:15"`, `close: "17:30"`)
	hits := yamlx.NodeCacheHits()
	res, err := site.Build(incOptions(fsys, out))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Incremental || res.Loaded != 1 {
		t.Fatalf("%s, %d cities loaded; want an incremental build of one", res, res.Loaded)
	}
	if yamlx.NodeCacheHits() != hits {
		t.Error("the build of one city took trees from the YAML cache")
	}
	after, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("the build of one city rewrote the YAML cache")
	}
}
