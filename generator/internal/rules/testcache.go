package rules

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"slices"
	"sync/atomic"

	"github.com/tebiki/tebiki/generator/internal/keyfile"
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

// passed holds the results read from the file and those of this process:
// by key, the tests run of each procedure (see package keyfile).
var passed atomic.Pointer[keyfile.File[[]int32]]

// keepUnusedTests is how many results a save keeps at least, used or not.
const keepUnusedTests = 20000

// LoadTestCache starts using the cache of passed rule tests in the file at
// path. A missing, truncated or corrupt file is no error: it is as if empty.
func LoadTestCache(path string) {
	passed.Store(keyfile.Load(path, testCacheMagic, readRuns))
}

// SaveTestCache writes the results used or found since LoadTestCache (the
// others, of files since changed, are dropped) and stops using the cache.
func SaveTestCache() error {
	c := passed.Swap(nil)
	if c == nil {
		return nil
	}
	// The results this process did not use are kept too (a build that
	// tests a few cities keeps the others'), up to a bound: those of files
	// since edited would otherwise pile up.
	return c.Save(func(used int) int { return max(4*used, keepUnusedTests) }, appendRuns)
}

// appendRuns writes the tests run of each procedure: their number, then
// each (uvarints).
func appendRuns(b []byte, runs []int32) []byte {
	b = binary.AppendUvarint(b, uint64(len(runs)))
	for _, n := range runs {
		b = binary.AppendUvarint(b, uint64(n))
	}
	return b
}

func readRuns(r *keyfile.Reader) []int32 {
	runs := make([]int32, r.Count())
	for i := range runs {
		n := r.Uvarint()
		if n > 1<<30 {
			r.Fail()
		}
		runs[i] = int32(n)
	}
	return runs
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
