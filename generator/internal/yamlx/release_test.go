package yamlx

import (
	"path/filepath"
	"reflect"
	"testing"
	"unsafe"

	"gopkg.in/yaml.v3"
)

// A tree from the cache holds copies of its strings, not slices of the
// encoding: a string kept from it (a rule's name or text) must not keep the
// whole cache file's bytes alive.
func TestCachedTreeStringsAreCopies(t *testing.T) {
	for _, src := range cacheSources {
		enc, ok := encodeNode(parseFresh(t, src))
		if !ok {
			t.Fatalf("%q: not encoded", src)
		}
		n, err := decodeNode(enc)
		if err != nil {
			t.Fatal(err)
		}
		lo := uintptr(unsafe.Pointer(unsafe.StringData(enc)))
		hi := lo + uintptr(len(enc))
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			for _, s := range []string{n.Tag, n.Value, n.Anchor, n.HeadComment, n.LineComment, n.FootComment} {
				if s == "" {
					continue
				}
				if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); p >= lo && p < hi {
					t.Errorf("%q: the string %q is a slice of the encoding", src, s)
				}
			}
			for _, ch := range n.Content {
				walk(ch)
			}
		}
		walk(n)
	}
}

// ReleaseNodeCache saves what was parsed, then holds nothing: Parse works
// without the cache, and a later LoadNodeCache reads the saved file.
func TestReleaseNodeCache(t *testing.T) {
	resetNodeCache(t)
	path := filepath.Join(t.TempDir(), "yaml-x.cache")
	LoadNodeCache(path)
	want, _ := parseAll(t, cacheSources)
	if err := ReleaseNodeCache(); err != nil {
		t.Fatal(err)
	}
	c := &nodeCache
	c.mu.Lock()
	held := c.old != nil || c.added != nil || c.saved != nil || c.used != nil || c.file != nil || c.enabled.Load()
	c.mu.Unlock()
	if held {
		t.Fatal("the cache is still held after ReleaseNodeCache")
	}
	hits := NodeCacheHits()
	got, _ := parseAll(t, cacheSources) // parsed, not taken from a released cache
	if NodeCacheHits() != hits {
		t.Error("Parse took trees from a released cache")
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("the trees parsed after the release differ")
	}
	if !LoadNodeCache(path) {
		t.Fatal("the cache was not saved by ReleaseNodeCache")
	}
	hits = NodeCacheHits()
	parseAll(t, cacheSources)
	if n := NodeCacheHits() - hits; n != int64(len(cacheSources)) {
		t.Errorf("%d trees from the saved cache, want %d", n, len(cacheSources))
	}
}
