package site

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Only the newest cache files of cut texts are kept; other files in the
// cache folder are left alone.
func TestPrunePhraseCaches(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	for i, name := range []string{"jatext-a.cache", "jatext-b.cache", "jatext-c.cache", "checker-x.wasm"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		mod := now.Add(-time.Duration(i) * time.Hour) // a is the newest
		if err := os.Chtimes(p, mod, mod); err != nil {
			t.Fatal(err)
		}
	}
	pruneCaches(dir, "jatext-*.cache", 2)
	for name, want := range map[string]bool{"jatext-a.cache": true, "jatext-b.cache": true, "jatext-c.cache": false, "checker-x.wasm": true} {
		_, err := os.Stat(filepath.Join(dir, name))
		if got := err == nil; got != want {
			t.Errorf("%s: kept %v, want %v", name, got, want)
		}
	}
}
