package site

import (
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/tebiki/tebiki/generator/internal/jatext"
)

// startPhrases loads the Japanese texts cut by earlier builds of this same
// Tebiki (see package jatext), or starts loading the dictionary at once when
// there are none, while the build loads the site. The returned function
// keeps the texts cut by this build for the next one; a cache that cannot be
// written only makes the next build slower.
func startPhrases(project string) (save func()) {
	path := cachePath("jatext", project)
	if path == "" || !jatext.LoadCache(path) {
		jatext.Preload()
	}
	return func() {
		if path != "" {
			saved("jatext", jatext.SaveCache(path))
		}
	}
}

// pruneCaches removes all but the keep most recently written cache files
// matching pattern in dir (each executable writes its own; old ones are
// never read again).
func pruneCaches(dir, pattern string, keep int) {
	files, _ := filepath.Glob(filepath.Join(dir, pattern))
	if len(files) <= keep {
		return
	}
	type aged struct {
		path string
		mod  time.Time
	}
	var all []aged
	for _, f := range files {
		if st, err := os.Stat(f); err == nil {
			all = append(all, aged{f, st.ModTime()})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].mod.After(all[j].mod) })
	for i := keep; i < len(all); i++ {
		os.Remove(all[i].path)
	}
}
