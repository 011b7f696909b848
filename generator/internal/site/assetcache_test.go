package site_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/generator/internal/theme"
)

// A build whose theme assets come from the cache of built assets writes
// the same bytes as one that ran esbuild; an edit of a file the entry
// point imports, or of the entry point, makes esbuild run again; a corrupt
// cache file is ignored.
func TestAssetCacheBuildsTheSame(t *testing.T) {
	fsys := loadFixture(t, "site")
	fsys["themes/t/assets/_part.css"] = &fstest.MapFile{Data: []byte(".part { color: #123456; }\n"), Mode: 0o644}
	edit(fsys, "themes/t/assets/style.css", "/* The fixture theme", "@import \"_part.css\";\n/* The fixture theme")
	build := func(cache string) map[string][]byte {
		t.Helper()
		t.Setenv("TEBIKI_CACHE", cache)
		out := filepath.Join(t.TempDir(), "public")
		if _, err := site.Build(incOptions(fsys, out)); err != nil {
			t.Fatal(err)
		}
		return readTree(t, out)
	}
	css := func(tree map[string][]byte) string {
		t.Helper()
		for name, b := range tree {
			if strings.HasPrefix(name, "assets/style-") && strings.HasSuffix(name, ".css") {
				return string(b)
			}
		}
		t.Fatal("no assets/style-*.css in the output")
		return ""
	}
	hits := func() int64 { return theme.AssetCacheHits() }

	dir := t.TempDir()
	before := hits()
	want := build(dir) // an empty cache: esbuild runs
	if n := hits() - before; n != 0 {
		t.Fatalf("%d themes' assets from an empty cache", n)
	}
	if !strings.Contains(css(want), "#123456") {
		t.Fatalf("the imported file is not in the bundle:\n%s", css(want))
	}
	files, _ := filepath.Glob(filepath.Join(dir, "assets-*.cache"))
	if len(files) != 1 {
		t.Fatalf("%d cache files of built assets, want 1", len(files))
	}

	before = hits()
	compareTrees(t, "assets from the cache", want, build(dir))
	if hits() == before {
		t.Error("the second build took no assets from the cache")
	}

	// The imported file edited: esbuild runs again, and the output is
	// the one of a build without the cache.
	edit(fsys, "themes/t/assets/_part.css", "#123456", "#654321")
	before = hits()
	got := build(dir)
	if n := hits() - before; n != 0 {
		t.Errorf("%d themes' assets from the cache after an edit of an imported file", n)
	}
	if !strings.Contains(css(got), "#654321") {
		t.Errorf("the edit of the imported file is not in the bundle:\n%s", css(got))
	}
	compareTrees(t, "after an edit of an imported file", build(t.TempDir()), got)

	// The entry point edited.
	edit(fsys, "themes/t/assets/style.css", "#222", "#333")
	before = hits()
	got = build(dir)
	if n := hits() - before; n != 0 {
		t.Errorf("%d themes' assets from the cache after an edit of the entry point", n)
	}
	if !strings.Contains(css(got), "#333") {
		t.Errorf("the edit of the entry point is not in the bundle:\n%s", css(got))
	}

	// A corrupt file (a byte of the bundle changed), in another folder:
	// ignored.
	want = build(t.TempDir())
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte("#333"))
	if i < 0 {
		t.Fatal("the cache file holds no #333")
	}
	b[i+1] = '4'
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, filepath.Base(files[0])), b, 0o600); err != nil {
		t.Fatal(err)
	}
	before = hits()
	compareTrees(t, "with a corrupt cache file", want, build(bad))
	if n := hits() - before; n != 0 {
		t.Errorf("%d themes' assets from a corrupt cache file", n)
	}
}
