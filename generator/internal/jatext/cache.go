package jatext

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// The dictionary takes most of a second to load, far longer than a small
// site takes to build, and a site's texts change little from one build to
// the next. So the cut texts can be kept in a file between builds (the
// caller names it after the running executable, so a new Tebiki starts
// afresh): a build whose texts are all in the file never loads the
// dictionary.

var (
	added    atomic.Int64 // texts cut since the last LoadCache or SaveCache
	loadedMu sync.Mutex
	loaded   = map[string]bool{}
)

type cacheFile struct {
	Texts map[string]cacheEntry `json:"texts"`
}

type cacheEntry struct {
	Phrases []string `json:"p"`
	Name    bool     `json:"n,omitempty"`
}

// LoadCache adds the texts cut in earlier builds, kept in the file at path,
// to this process's cache, once per path. It reports whether the file was
// there; a missing or unreadable file is no error: texts are cut again.
func LoadCache(path string) bool {
	loadedMu.Lock()
	defer loadedMu.Unlock()
	if loaded[path] {
		return true
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	var f cacheFile
	if json.Unmarshal(b, &f) != nil {
		return false
	}
	for s, e := range f.Texts {
		cache.LoadOrStore(s, cut{phrases: e.Phrases, name: e.Name})
	}
	loaded[path] = true
	return true
}

// SaveCache writes every text cut in this process to the file at path, if
// any was cut since the cache was loaded or last saved.
func SaveCache(path string) error {
	if added.Swap(0) == 0 {
		return nil
	}
	f := cacheFile{Texts: map[string]cacheEntry{}}
	cache.Range(func(k, v any) bool {
		c := v.(cut)
		f.Texts[k.(string)] = cacheEntry{Phrases: c.phrases, Name: c.name}
		return true
	})
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".jatext-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	loadedMu.Lock()
	loaded[path] = true
	loadedMu.Unlock()
	return os.Rename(tmp.Name(), path)
}
