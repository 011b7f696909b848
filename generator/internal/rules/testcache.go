package rules

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
)

// A cache of the rule tests that passed, kept between builds. At national
// size a build runs some 17,000 rule tests, and an edit changes a few
// cities' rules: the others' tests would pass again. A city's tests are
// taken as passed when everything they read is byte for byte as when they
// last passed: the city's rule files, its test files, national.yaml, the
// build date, the site's languages and the words the tests compare hours
// with (the key, testKey). Only a city whose tests all passed with no
// problem or warning at all (no uncovered path, no TODO marker) is kept:
// any other runs again, so its messages are shown again. The caller names
// the file after the running executable, so a Tebiki that tests otherwise
// never reads another's results.

const testCacheMagic = "tebiki-rule-tests-1\n"

// testCache holds the results read from the file and those of this process.
type testCache struct {
	mu    sync.Mutex
	path  string
	old   map[[32]byte][]int32 // key -> tests run, by procedure
	seen  map[[32]byte][]int32 // the results this process used or found
	dirty bool
}

var passed atomic.Pointer[testCache]

// keepUnusedTests is how many results a save keeps at least, used or not.
const keepUnusedTests = 20000

// LoadTestCache starts using the cache of passed rule tests in the file at
// path. A missing, truncated or corrupt file is no error: it is as if empty.
func LoadTestCache(path string) {
	c := &testCache{path: path, old: map[[32]byte][]int32{}, seen: map[[32]byte][]int32{}}
	if b, err := os.ReadFile(path); err == nil {
		if m, err := readTestCache(b); err == nil {
			c.old = m
		}
	}
	passed.Store(c)
}

// SaveTestCache writes the results used or found since LoadTestCache (the
// others, of files since changed, are dropped) and stops using the cache.
func SaveTestCache() error {
	c := passed.Swap(nil)
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	// The results this process did not use are kept too (a build that
	// tests a few cities keeps the others'), up to a bound: those of files
	// since edited would otherwise pile up.
	keep := max(4*len(c.seen), keepUnusedTests)
	for k, runs := range c.old {
		if len(c.seen) >= keep {
			break
		}
		if _, ok := c.seen[k]; !ok {
			c.seen[k] = runs
		}
	}
	if !c.dirty && len(c.seen) == len(c.old) {
		return nil
	}
	keys := make([][32]byte, 0, len(c.seen))
	for k := range c.seen {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [32]byte) int { return bytes.Compare(a[:], b[:]) })
	b := []byte(testCacheMagic)
	for _, k := range keys {
		start := len(b)
		b = append(b, k[:]...)
		b = binary.AppendUvarint(b, uint64(len(c.seen[k])))
		for _, n := range c.seen[k] {
			b = binary.AppendUvarint(b, uint64(n))
		}
		b = binary.BigEndian.AppendUint32(b, crc32.Checksum(b[start:], crcTable))
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
		return err
	}
	tmp := c.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, c.path)
}

var crcTable = crc32.MakeTable(crc32.Castagnoli)

var errBadTestCache = errors.New("corrupt rule test cache")

// readTestCache reads the records of a cache file: a key, the number of
// procedures, the tests run of each (uvarints) and a CRC-32C of the record.
// One bad record makes the whole file unread.
func readTestCache(b []byte) (map[[32]byte][]int32, error) {
	if !bytes.HasPrefix(b, []byte(testCacheMagic)) {
		return nil, errBadTestCache
	}
	b = b[len(testCacheMagic):]
	m := map[[32]byte][]int32{}
	for len(b) > 0 {
		rec := b
		if len(b) < 32 {
			return nil, errBadTestCache
		}
		var k [32]byte
		copy(k[:], b)
		b = b[32:]
		n, w := binary.Uvarint(b)
		if w <= 0 || n > 1<<16 {
			return nil, errBadTestCache
		}
		b = b[w:]
		runs := make([]int32, n)
		for i := range runs {
			x, w := binary.Uvarint(b)
			if w <= 0 || x > 1<<30 {
				return nil, errBadTestCache
			}
			runs[i] = int32(x)
			b = b[w:]
		}
		if len(b) < 4 {
			return nil, errBadTestCache
		}
		body := rec[:len(rec)-len(b)]
		if binary.BigEndian.Uint32(b) != crc32.Checksum(body, crcTable) {
			return nil, errBadTestCache
		}
		b = b[4:]
		m[k] = runs
	}
	return m, nil
}

// lookup returns the tests run by procedure of the city whose tests passed
// with this key, if the cache holds it.
func (c *testCache) lookup(k [32]byte) ([]int32, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	runs, ok := c.seen[k]
	if !ok {
		if runs, ok = c.old[k]; ok {
			c.seen[k] = runs
		}
	}
	return runs, ok
}

func (c *testCache) store(k [32]byte, runs []int32) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen[k] = runs
	c.dirty = true
}

var testCacheHits atomic.Int64

// TestCacheHits counts the cities whose tests were taken from the cache
// since the process started (for tests and benchmarks).
func TestCacheHits() int64 { return testCacheHits.Load() }

// sources records the hash of each rule file read for a city: part of the
// key of its tests.
type sources struct{ h [][32]byte }

func (s *sources) add(file string, src []byte) {
	h := sha256.New()
	h.Write([]byte(file))
	h.Write([]byte{0})
	h.Write(src)
	var sum [32]byte
	h.Sum(sum[:0])
	s.h = append(s.h, sum)
}

// testKey is the key of a city's tests: what they read besides the city
// (base: the date, languages, words and national rules; see testBase), the
// city's rule files and its test files (tests, by procedure; nil for none).
func testKey(base [32]byte, c *City, tests [][]byte) [32]byte {
	h := sha256.New()
	h.Write(base[:])
	srcs := slices.Clone(c.sources.h)
	slices.SortFunc(srcs, func(a, b [32]byte) int { return bytes.Compare(a[:], b[:]) })
	for _, s := range srcs {
		h.Write(s[:])
	}
	for i, p := range c.Procedures {
		h.Write([]byte(p.File))
		h.Write([]byte{0})
		binary.Write(h, binary.BigEndian, uint64(len(tests[i])))
		h.Write(tests[i])
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// testBase hashes what every city's tests read besides the city.
func testBase(r *Rules) [32]byte {
	h := sha256.New()
	h.Write([]byte(testCacheMagic))
	h.Write([]byte(r.Date.String()))
	for _, l := range r.Langs {
		h.Write([]byte{0})
		h.Write([]byte(l))
	}
	for _, w := range r.wordsOf() {
		h.Write([]byte{1})
		h.Write([]byte(w.lang))
		keys := make([]string, 0, len(w.strings))
		for k := range w.strings {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			h.Write([]byte{2})
			h.Write([]byte(k))
			h.Write([]byte{0})
			h.Write([]byte(w.strings[k]))
		}
	}
	h.Write(r.National.sum[:])
	var k [32]byte
	h.Sum(k[:0])
	return k
}
