package jatext

import (
	"hash/maphash"
	"html/template"
	"sync"
)

// memoMap maps texts to their HTML for many goroutines at once. It was a
// sync.Map: a lookup there walks a tree of small nodes spread over the
// heap, one cache miss per level, and with the tens of thousands of texts
// of a national site the memo's lookups were 4 % of a whole build's CPU.
// Here a text's hash picks a shard, and a plain map in the shard, keyed by
// the same hash, holds the text and its HTML side by side. Two texts with
// the same hash (as good as never) share an entry: the one met first keeps
// it, and the other is made anew each time it is asked for.
type memoMap struct {
	shards [memoShards]memoShard
}

const memoShards = 64

type memoShard struct {
	mu sync.RWMutex
	m  map[uint64]memoEntry
	_  [40]byte // a shard to a cache line of its own
}

type memoEntry struct {
	text string
	html template.HTML
}

var memoSeed = maphash.MakeSeed()

func (m *memoMap) shard(s string) (*memoShard, uint64) {
	h := maphash.String(memoSeed, s)
	return &m.shards[h%memoShards], h
}

// load returns the HTML kept for s.
func (m *memoMap) load(s string) (template.HTML, bool) {
	sh, h := m.shard(s)
	sh.mu.RLock()
	e, ok := sh.m[h]
	sh.mu.RUnlock()
	if !ok || e.text != s {
		return "", false
	}
	return e.html, true
}

// store keeps html for s, and reports whether it was kept (not: s had
// its HTML, or another text the same hash).
func (m *memoMap) store(s string, html template.HTML) bool {
	sh, h := m.shard(s)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if _, ok := sh.m[h]; ok {
		return false
	}
	if sh.m == nil {
		sh.m = map[uint64]memoEntry{}
	}
	sh.m[h] = memoEntry{s, html}
	return true
}
