package site

import (
	"encoding/json"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// Writing the record again without making it again. At national size the
// record is 22 MB of JSON, and an incremental build after one city's edit
// wrote it twice (marked interrupted, then done): a third of the build.
// Nearly all of it is what the record read at the start of the build
// already says, in the bytes this file's writer would write. So the reader
// keeps, for what it read in the written form, where its bytes lie:
//
//   - each group (a city's files, links and element ids): written again as
//     it was read when the build kept the group (group.raw);
//   - each input file and each output folder, with the value read: written
//     again as it was read when its value is the same (recordBytes).
//
// Everything else is written as before, and the result is byte for byte
// what json.Marshal writes for the manifest (TestMarshalManifest,
// TestRecordWrittenAgain).

// rawEntries are the entries of one of the record's maps as read, in the
// order written (sorted by key), each with its bytes ("key":value) and the
// map read, whose values those bytes hold. Nothing may change that map.
type rawEntries[V any] struct {
	keys []string
	raws [][]byte
	vals map[string]V
}

// recordBytes is what a record read from its file holds in the written form.
type recordBytes struct {
	inputs *rawEntries[inputRec]
	dirs   *rawEntries[dirRec]
	size   int // of the record
}

// entryReader collects the entries read into a rawEntries, while they come
// in strictly increasing order (as written); otherwise it keeps none.
type entryReader[V any] struct {
	e      *rawEntries[V]
	sorted bool
}

func newEntryReader[V any](n int) *entryReader[V] {
	return &entryReader[V]{e: &rawEntries[V]{keys: make([]string, 0, n), raws: make([][]byte, 0, n)}, sorted: true}
}

func (r *entryReader[V]) add(key string, raw []byte) {
	if !r.sorted {
		return
	}
	if n := len(r.e.keys); n > 0 && r.e.keys[n-1] >= key {
		r.sorted = false
		return
	}
	r.e.keys = append(r.e.keys, key)
	r.e.raws = append(r.e.raws, raw)
}

func (r *entryReader[V]) done(vals map[string]V) *rawEntries[V] {
	if r == nil || !r.sorted || vals == nil || len(vals) != len(r.e.keys) {
		return nil
	}
	r.e.vals = vals
	return r.e
}

// readEntries reads a JSON object of entries, as appendSortedMap writes
// it, each value read by value; with alias (d is the record's file), it also
// returns where each entry lies in d. n, the number of entries expected,
// sizes the map. Nil for "null"; nil and false when d is not such an object.
func readEntries[V any](d []byte, alias bool, n int, value func(r *jsonReader) V) (map[string]V, *rawEntries[V], bool) {
	if string(d) == "null" {
		return nil, nil, true
	}
	r := &jsonReader{d: d, ok: true, alias: alias}
	m := make(map[string]V, n)
	var raws *entryReader[V]
	if alias {
		raws = newEntryReader[V](n)
	}
	r.lit("{")
	r.list("}", func() {
		start := r.i
		k := r.str()
		r.lit(":")
		v := value(r)
		if _, dup := m[k]; dup {
			r.ok = false
		}
		m[k] = v
		if raws != nil && r.ok {
			raws.add(k, d[start:r.i])
		}
	})
	if !r.ok {
		return nil, nil, false
	}
	return m, raws.done(m), true
}

// appendSortedMap appends m as json.Marshal writes a map (keys in order),
// each entry written by entry, or copied from old when old holds the same
// key with an equal value.
//
// With c, b is c.b: what it holds is handed to c.w from time to time.
func appendSortedMap[V any](b []byte, m map[string]V, old *rawEntries[V], eq func(a, b V) bool, entry func([]byte, string, V) []byte, c *chunks) []byte {
	if m == nil {
		return append(b, "null"...)
	}
	b = append(b, '{')
	n := 0
	spill := func() {
		if c != nil && len(b) >= chunkSize {
			c.b = b
			c.spill()
			b = c.b
		}
	}
	put := func(k string, v V) {
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = entry(b, k, v)
		spill()
	}
	if old == nil {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			put(k, m[k])
		}
		return append(b, '}')
	}
	// The keys old lacks, in order, merged into old's.
	var extra []string
	for k := range m {
		if _, ok := old.vals[k]; !ok {
			extra = append(extra, k)
		}
	}
	slices.Sort(extra)
	j := 0
	for i, k := range old.keys {
		for j < len(extra) && extra[j] < k {
			put(extra[j], m[extra[j]])
			j++
		}
		v, ok := m[k]
		switch {
		case !ok:
		case eq(v, old.vals[k]):
			if n > 0 {
				b = append(b, ',')
			}
			n++
			b = append(b, old.raws[i]...)
			spill()
		default:
			put(k, v)
		}
	}
	for ; j < len(extra); j++ {
		put(extra[j], m[extra[j]])
	}
	return append(b, '}')
}

func sameInput(a, b inputRec) bool {
	return a.Hash == b.Hash && a.Size == b.Size && a.MTime == b.MTime && a.Ino == b.Ino && a.CTime == b.CTime && slices.Equal(a.Dates, b.Dates)
}

func sameDirRec(a, b dirRec) bool { return a == b }

// plainJSON reports whether JSON text has no space outside its strings and
// nothing json.Marshal would escape. (It does not check that it is JSON:
// a record's values were checked when read, and the others were written by
// json.Marshal.)
func plainJSON(d []byte) bool {
	in := false
	for i := 0; i < len(d); i++ {
		switch c := d[i]; {
		case c == '<', c == '>', c == '&', c < 0x20:
			return false
		case c == 0xe2 && i+2 < len(d) && d[i+1] == 0x80 && (d[i+2] == 0xa8 || d[i+2] == 0xa9): // U+2028, U+2029
			return false
		case in && c == '\\':
			i++
		case c == '"':
			in = !in
		case !in && c == ' ':
			return false
		}
	}
	return !in && len(d) > 0
}

// markInterrupted writes into out the mark of an incremental build that is
// moving its files in (interruptMark): pending are the files it moves in
// that the record does not list (pages at new paths). The mark is written
// whole or not at all. A few bytes, where marking the record itself meant
// writing it whole again (22 MB at national size) at every edit.
func markInterrupted(out string, pending []string) error {
	b, err := json.Marshal(interruptRec{Pending: pending})
	if err != nil {
		return err
	}
	return writeAtomic(out, interruptMark, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// unmarkInterrupted removes the mark once the build's record is in place.
// A mark that cannot be removed only makes the next build full.
func unmarkInterrupted(out string) {
	os.Remove(filepath.Join(out, interruptMark))
}

// readInterrupted marks m, read from out, as the record of an interrupted
// build when out holds the mark (whatever it holds: one unreadable names no
// pending files).
func readInterrupted(out string, m *manifest) {
	if _, err := os.Lstat(filepath.Join(out, interruptMark)); err != nil {
		return
	}
	m.Interrupted = true
	var rec interruptRec
	if b, err := os.ReadFile(filepath.Join(out, interruptMark)); err == nil && json.Unmarshal(b, &rec) == nil {
		m.Pending = rec.Pending
	}
}

// interruptRec is what the mark holds.
type interruptRec struct {
	Pending []string `json:"pending,omitempty"`
}
