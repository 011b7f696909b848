package site_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/generator/internal/yamlx"
)

// yamlCacheFile returns the one cache file of parsed YAML in dir.
func yamlCacheFile(t *testing.T, dir string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "yaml-*.cache"))
	if len(files) != 1 {
		t.Fatalf("%d cache files of parsed YAML in %s, want 1", len(files), dir)
	}
	return files[0]
}

// A build whose YAML comes from the cache of parsed YAML (in this process,
// or read from the file by a new one) writes the same bytes as one that
// parsed everything; a cache file that is corrupt is ignored.
func TestYAMLCacheBuildsTheSame(t *testing.T) {
	fsys := loadFixture(t, "site") // no two YAML files alike (see below)
	build := func(cache string) map[string][]byte {
		t.Helper()
		t.Setenv("TEBIKI_CACHE", cache)
		out := filepath.Join(t.TempDir(), "public")
		if _, err := site.Build(incOptions(fsys, out)); err != nil {
			t.Fatal(err)
		}
		return readTree(t, out)
	}
	first := t.TempDir()
	hits := yamlx.NodeCacheHits()
	want := build(first) // an empty cache: all parsed
	if n := yamlx.NodeCacheHits() - hits; n != 0 {
		// Files of the same bytes would be taken from the cache by the
		// same build, as many as were parsed after the first of them.
		t.Fatalf("%d trees from an empty cache: the fixture has YAML files alike", n)
	}
	file := yamlCacheFile(t, first)

	// The same process again (Build lets go of the cache once loaded, so
	// this reads its file again; the preview server keeps it in memory).
	hits = yamlx.NodeCacheHits()
	compareTrees(t, "from the cache, same process", want, build(first))
	if yamlx.NodeCacheHits() == hits {
		t.Error("the second build took no tree from the cache")
	}

	// Another cache folder, holding the file: read from the file.
	second := t.TempDir()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(second, filepath.Base(file)), b, 0o600); err != nil {
		t.Fatal(err)
	}
	hits = yamlx.NodeCacheHits()
	compareTrees(t, "from the cache file", want, build(second))
	if yamlx.NodeCacheHits() == hits {
		t.Error("the build took no tree from the cache file")
	}

	// A corrupt file (a value changed inside a tree), in a third folder.
	third := t.TempDir()
	bad := strings.Replace(string(b), "Kawa City Hall", "Kawa City Hell", 1)
	if bad == string(b) {
		t.Fatal("the cache holds no Kawa City Hall")
	}
	if err := os.WriteFile(filepath.Join(third, filepath.Base(file)), []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	hits = yamlx.NodeCacheHits()
	compareTrees(t, "with a corrupt cache file", want, build(third))
	if n := yamlx.NodeCacheHits() - hits; n != 0 {
		t.Errorf("%d trees taken from a corrupt cache file", n)
	}
}

// After a build that filled the cache, an edited rule file is parsed
// again, its rule tests run, and their failure is reported.
func TestYAMLCacheEditedRuleRetested(t *testing.T) {
	t.Setenv("TEBIKI_CACHE", t.TempDir())
	fsys := incBase(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(incOptions(fsys, out)); err != nil {
		t.Fatal(err)
	}
	// kawa's test expects the seal (印鑑) among what to bring.
	edit(fsys, "rules/kawa/pin_reset.yaml", "印鑑", "認印")
	_, err := site.Build(incOptions(fsys, out))
	if err == nil {
		t.Fatal("the build succeeded; want kawa's failing rule test reported")
	}
	if !strings.Contains(err.Error(), "rules/kawa/pin_reset.test.yaml") {
		t.Errorf("the error does not name kawa's rule test:\n%v", err)
	}
}

// One executable building two projects in turn keeps a cache file of each
// kind for each: the build of one does not replace the other's caches.
// (Within one process the YAML cache holds the trees of both projects; it
// is a new process, one build, that would find only the last project's.)
func TestCachesKeptPerProject(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("TEBIKI_CACHE", cache)
	for _, fixture := range []string{"site", "single"} {
		project := t.TempDir()
		if err := os.CopyFS(project, loadFixture(t, fixture)); err != nil {
			t.Fatal(err)
		}
		opts := incOptions(os.DirFS(project), filepath.Join(t.TempDir(), "public"))
		opts.SrcDir = project
		if _, err := site.Build(opts); err != nil {
			t.Fatal(err)
		}
	}
	// (The cut texts are not counted: they are written only by a build
	// that cut new ones, and this process keeps what it cut.)
	for _, kind := range []string{"yaml", "tests", "assets"} {
		if files, _ := filepath.Glob(filepath.Join(cache, kind+"-*.cache")); len(files) != 2 {
			t.Errorf("%d %s cache files for two projects, want 2", len(files), kind)
		}
	}
}
