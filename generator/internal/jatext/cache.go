package jatext

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"strings"
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
	old := frozen.Load()
	n := bytes.Count(b, []byte{recEnd})
	if old != nil {
		n += len(*old)
	}
	m := make(map[string]cut, n)
	if old != nil {
		maps.Copy(m, *old)
	}
	for len(b) > 0 {
		end := bytes.IndexByte(b, recEnd)
		if end < 1 {
			return false
		}
		rec := b[:end]
		b = b[end+1:]
		name := rec[0] == 'n'
		parts := bytes.Split(rec[1:], []byte{sep})
		text := string(parts[0])
		// The phrases, joined, give the text back: each is kept as part of
		// the text's string, not as a string of its own (a cache of a
		// national portal holds 50,000 texts). One that is not (a damaged
		// file) is kept as it is.
		phrases := make([]string, len(parts)-1)
		off := 0
		for i, p := range parts[1:] {
			if end := off + len(p); end <= len(text) && text[off:end] == string(p) {
				phrases[i] = text[off:end]
			} else {
				phrases[i] = string(p)
			}
			off += len(p)
		}
		if _, ok := m[text]; !ok {
			if _, ok := cache.Load(text); !ok {
				m[text] = cut{phrases: phrases, name: name}
			}
		}
	}
	frozen.Store(&m)
	loaded[path] = true
	return true
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
		for _, p := range c.phrases {
			buf.WriteByte(sep)
			buf.WriteString(p)
		}
		buf.WriteByte(recEnd)
	}
	m := frozen.Load()
	if m != nil {
		for text, c := range *m {
			write(text, c)
		}
	}
	cache.Range(func(k, v any) bool {
		if text := k.(string); m == nil || !hasKey(*m, text) {
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

func hasKey(m map[string]cut, k string) bool {
	_, ok := m[k]
	return ok
}
