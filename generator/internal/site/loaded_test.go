package site_test

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/generator/internal/yamlx"
)

// Options.Loaded is called once by a build, after the cache of parsed YAML
// is let go and before any page is rendered.
func TestLoadedBeforeRendering(t *testing.T) {
	t.Setenv("TEBIKI_CACHE", t.TempDir())
	fsys := loadFixture(t, "site")
	var mu sync.Mutex
	rendered, calls := 0, 0
	opts := incOptions(fsys, filepath.Join(t.TempDir(), "public"))
	opts.Progress = func(stage string, done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if stage == site.StageRendering && done > 0 {
			rendered++
		}
	}
	opts.Loaded = func() {
		mu.Lock()
		defer mu.Unlock()
		calls++
		if rendered > 0 {
			t.Errorf("Loaded called after %d pages were rendered", rendered)
		}
		if yamlx.NodeCacheHeld() {
			t.Error("Loaded called while the cache of parsed YAML is held")
		}
	}
	if _, err := site.Build(opts); err != nil {
		t.Fatal(err)
	}
	if calls != 1 || rendered == 0 {
		t.Errorf("Loaded called %d times, %d pages rendered; want once, and pages", calls, rendered)
	}
}
