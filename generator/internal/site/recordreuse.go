package site

import (
	"encoding/json"
	"maps"
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
	// file is the whole record as read, when it was read in the written
	// form and says it was not interrupted.
	file []byte
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

// appendSortedMap appends m as json.Marshal writes a map (keys in order),
// each entry written by entry, or copied from old when old holds the same
// key with an equal value.
func appendSortedMap[V any](b []byte, m map[string]V, old *rawEntries[V], eq func(a, b V) bool, entry func([]byte, string, V) []byte) []byte {
	if m == nil {
		return append(b, "null"...)
	}
	b = append(b, '{')
	n := 0
	put := func(k string, v V) {
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = entry(b, k, v)
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

// appendRawJSON appends a json.RawMessage as json.Marshal writes it:
// compacted, with <, >, & and U+2028/9 escaped. What this file's writers
// and json.Marshal wrote is so already, and is copied as it is (a scan, not
// encoding/json's scanner: 1.7 MB of city summaries at national size).
func appendRawJSON(b []byte, raw json.RawMessage) ([]byte, error) {
	if plainJSON(raw) {
		return append(b, raw...), nil
	}
	q, err := json.Marshal(raw)
	if err != nil {
		return nil, err
	}
	return append(b, q...), nil
}

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

// markInterrupted writes into out the record m, read from out, marked as
// that of an interrupted build (see buildInPlace). A record read in the
// written form is copied with the mark put in front: a record a build
// never reads but to know that it must be full (and that the folder is
// Tebiki's), which the next build replaces.
func markInterrupted(out string, m *manifest) error {
	if m.was != nil && len(m.was.file) > 1 && m.was.file[0] == '{' {
		const mark = `{"interrupted":true,`
		b := make([]byte, 0, len(mark)+len(m.was.file))
		b = append(append(b, mark...), m.was.file[1:]...)
		return writeRecordBytes(out, b)
	}
	interrupted := *m
	interrupted.Interrupted = true
	return writeManifest(out, &interrupted)
}
