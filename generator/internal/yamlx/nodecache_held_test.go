package yamlx

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The cache file is not held in memory while it is used: its trees are
// read from the file as they are parsed (a national project's is 70 MB,
// held for the whole of loading before). Trees read so give the trees
// parsed without the cache.
func TestNodeCacheFileNotHeld(t *testing.T) {
	resetNodeCache(t)
	path := filepath.Join(t.TempDir(), "yaml-x.cache")
	var srcs []string
	for i := range 400 {
		srcs = append(srcs, fmt.Sprintf("id: c%04d\ntext:\n  ja: %s\n  en: %s\n", i, strings.Repeat("窓口で申請されるのはどなたですか。", 40), strings.Repeat("Who will go to the counter? ", 40)))
	}
	LoadNodeCache(path)
	want, _ := parseAll(t, srcs)
	if err := ReleaseNodeCache(); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if !LoadNodeCache(path) {
		t.Fatal("the cache was not read")
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if grew := int64(after.HeapAlloc) - int64(before.HeapAlloc); grew > st.Size()/4 {
		t.Errorf("loading the cache file of %d bytes holds %d bytes more", st.Size(), grew)
	}
	hits := NodeCacheHits()
	got, _ := parseAll(t, srcs)
	if n := NodeCacheHits() - hits; n != int64(len(srcs)) {
		t.Errorf("%d trees from the cache, want %d", n, len(srcs))
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("the trees read from the file differ from those parsed")
	}
}

// A process that saves the cache more than once (the preview server, after
// each rebuild) keeps taking every tree from it: those it added since it
// loaded the file, and, after a save that rewrote the file, those the new
// file holds; and the file holds them all.
func TestNodeCacheSavedTwice(t *testing.T) {
	resetNodeCache(t)
	path := filepath.Join(t.TempDir(), "yaml-x.cache")
	all := append(cacheSources[:len(cacheSources):len(cacheSources)], "another: file\n")
	LoadNodeCache(path)
	parseAll(t, all[:2])
	if err := SaveNodeCache(); err != nil { // no file yet: written whole
		t.Fatal(err)
	}
	parseAll(t, all[:len(all)-1])
	if err := SaveNodeCache(); err != nil { // added at the end
		t.Fatal(err)
	}
	nodeCache.mu.Lock()
	nodeCache.whole = false // as if not read whole: the next save rewrites the file
	nodeCache.mu.Unlock()
	parseAll(t, all[len(all)-1:])
	if err := SaveNodeCache(); err != nil {
		t.Fatal(err)
	}
	want := make([]*yaml.Node, len(all))
	for i, src := range all {
		want[i] = parseFresh(t, src)
	}
	for _, fresh := range []bool{false, true} {
		if fresh { // a new process
			resetNodeCache(t)
			if !LoadNodeCache(path) {
				t.Fatal("the file was not read")
			}
		}
		hits := NodeCacheHits()
		got, _ := parseAll(t, all)
		if n := NodeCacheHits() - hits; n != int64(len(all)) {
			t.Errorf("new process %v: %d trees from the cache, want %d", fresh, n, len(all))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("new process %v: the trees differ", fresh)
		}
	}
}
