package site_test

import (
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
