package site

import (
	"testing"

	"github.com/tebiki/tebiki/generator/internal/kagomedict"
)

// A build keeps the analyser's dictionary in its cache folder.
func TestBuildKeepsDictionary(t *testing.T) {
	old := kagomedict.CacheDir()
	t.Cleanup(func() { kagomedict.SetCacheDir(old) })
	dir := t.TempDir()
	t.Setenv("TEBIKI_CACHE", dir)
	kagomedict.SetCacheDir("")
	ready, _ := startCaches(false, "")
	ready()
	if got := kagomedict.CacheDir(); got != dir {
		t.Errorf("the dictionary's cache folder is %q, want %q", got, dir)
	}
}
