package jatext

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"
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

// The file is read at the start of every build, so its format is one a
// scan reads quickly (JSON took a third of a no-op rebuild's CPU at 100
// cities): a header line, then one record per text, each ended by recEnd:
// a flag byte (name or not), the text, then each phrase after a sep.
const (
	cacheHeader = "tebiki-jatext 1\n"
	sep         = '\x1f'
	recEnd      = '\x1e'
)

// LoadCache adds the texts cut in earlier builds, kept in the file at path,
// to this process's cache, once per path. It reports whether the file was
// there; a missing or unreadable file is no error: texts are cut again.
//
// The file's bytes are kept whole, with where each text's record begins
// (frozenTexts); a text's phrases are read from its record when it is
// looked up. A build looks up the texts of the pages it renders: after one
// city's edit, a few hundred of a national portal's 50,000.
func LoadCache(path string) bool {
	loadedMu.Lock()
	defer loadedMu.Unlock()
	if loaded[path] {
		return true
	}
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, []byte(cacheHeader)) {
		return false
	}
	b = b[len(cacheHeader):]
	if old := frozen.Load(); old != nil {
		// The records of the texts read before, then those of this file's
		// texts that they lack, in one buffer.
		data := old.data[:len(old.data):len(old.data)]
		if !eachRecord(b, func(i int, text string) {
			if _, ok := old.at[text]; !ok {
				data = append(data, b[i:i+bytes.IndexByte(b[i:], recEnd)+1]...)
			}
		}) {
			return false
		}
		b = data
	}
	if len(b) > math.MaxInt32 {
		return false
	}
	f := &frozenTexts{data: b, at: make(map[string]int32, bytes.Count(b, []byte{recEnd}))}
	if !eachRecord(b, func(i int, text string) {
		if _, ok := f.at[text]; !ok {
			if _, ok := cache.Load(text); !ok {
				f.at[text] = int32(i)
			}
		}
	}) {
		return false // nothing published: the texts are cut again
	}
	frozen.Store(f)
	loaded[path] = true
	return true
}

// eachRecord calls fn with the offset of each record of b and its text, a
// part of b; it reports whether b is whole records.
func eachRecord(b []byte, fn func(i int, text string)) bool {
	for i := 0; i < len(b); {
		end := bytes.IndexByte(b[i:], recEnd)
		if end < 1 {
			return false
		}
		text := b[i+1 : i+end]
		if j := bytes.IndexByte(text, sep); j >= 0 {
			text = text[:j]
		}
		fn(i, unsafe.String(unsafe.SliceData(text), len(text)))
		i += end + 1
	}
	return true
}

// frozenTexts are the texts read from cache files: the files' records, one
// after the other, never changed (the texts and phrases handed out are
// parts of them), and where the record of each text begins.
type frozenTexts struct {
	data []byte
	at   map[string]int32
}

// lookup returns the cut of text, if a file had it.
func (f *frozenTexts) lookup(text string) (cut, bool) {
	off, ok := f.at[text]
	if !ok {
		return cut{}, false
	}
	return f.cutAt(text, off), true
}

// cutAt reads the cut of text from its record, at off.
func (f *frozenTexts) cutAt(text string, off int32) cut {
	rec := f.data[off:]
	rec = rec[:bytes.IndexByte(rec, recEnd)]
	return cut{name: rec[0] == 'n', raw: unsafe.String(unsafe.SliceData(rec[1+len(text):]), len(rec)-1-len(text))}
}

// each calls fn with every text of f and its cut.
func (f *frozenTexts) each(fn func(text string, c cut)) {
	for text, off := range f.at {
		fn(text, f.cutAt(text, off))
	}
}

// SaveCache writes every text cut in this process to the file at path, if
// any was cut since the cache was loaded or last saved.
func SaveCache(path string) error {
	if added.Swap(0) == 0 {
		return nil
	}
	var buf bytes.Buffer
	buf.WriteString(cacheHeader)
	write := func(text string, c cut) {
		if strings.ContainsAny(text, "\x1e\x1f") {
			return // cannot be written; cut again next time
		}
		for _, p := range c.phrases {
			if strings.ContainsAny(p, "\x1e\x1f") {
				return
			}
		}
		if c.name {
			buf.WriteByte('n')
		} else {
			buf.WriteByte('-')
		}
		buf.WriteString(text)
		buf.WriteString(c.raw) // a text read from a file: as it was
		for _, p := range c.phrases {
			buf.WriteByte(sep)
			buf.WriteString(p)
		}
		buf.WriteByte(recEnd)
	}
	f := frozen.Load()
	if f != nil {
		f.each(write)
	}
	cache.Range(func(k, v any) bool {
		if text := k.(string); f == nil || !hasKey(f.at, text) {
			write(text, v.(cut))
		}
		return true
	})
	b := buf.Bytes()
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

func hasKey(m map[string]int32, k string) bool {
	_, ok := m[k]
	return ok
}
