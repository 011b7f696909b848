// Package keyfile keeps values by a 32-byte key in a file from one build to
// the next: the rule tests that passed (package rules) and the theme's
// assets as esbuild built them (package theme). A file is a line that names
// its kind, then one record per value: the key, the value as its package
// writes it, and a CRC-32C of the record. One bad record makes the whole
// file unread, as if it were empty: a cache that cannot be read only makes
// the build slower.
package keyfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// File is a file's values, read by Load, with those this process used or
// made, for Save.
type File[V any] struct {
	mu    sync.Mutex
	path  string
	magic string
	old   map[[32]byte]V // read from the file
	seen  map[[32]byte]V // used or made by this process
	dirty bool
}

// Load reads the file at path, which begins with magic; read reads a value
// from a record. A missing, truncated or corrupt file is no error: it is
// as if empty.
func Load[V any](path, magic string, read func(*Reader) V) *File[V] {
	f := &File[V]{path: path, magic: magic, old: map[[32]byte]V{}, seen: map[[32]byte]V{}}
	if b, err := os.ReadFile(path); err == nil {
		if m, err := Parse(b, magic, read); err == nil {
			f.old = m
		}
	}
	return f
}

// Lookup returns the value of key, read from the file or stored by this
// process; Save keeps it. A nil File holds nothing.
func (f *File[V]) Lookup(key [32]byte) (V, bool) {
	if f == nil {
		var none V
		return none, false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	v, ok := f.seen[key]
	if !ok {
		if v, ok = f.old[key]; ok {
			f.seen[key] = v
		}
	}
	return v, ok
}

// Store sets the value of key: Save writes the file. A nil File keeps
// nothing.
func (f *File[V]) Store(key [32]byte, v V) {
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seen[key] = v
	f.dirty = true
}

// Save writes the file again, through a temporary file, if a value was
// stored or one read is dropped: the values looked up or stored, then
// those read and not looked up, up to keep(how many were) values in all.
// write appends a value to a record.
func (f *File[V]) Save(keep func(used int) int, write func([]byte, V) []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := keep(len(f.seen))
	for k, v := range f.old {
		if len(f.seen) >= n {
			break
		}
		if _, ok := f.seen[k]; !ok {
			f.seen[k] = v
		}
	}
	if !f.dirty && len(f.seen) == len(f.old) {
		return nil
	}
	keys := make([][32]byte, 0, len(f.seen))
	for k := range f.seen {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [32]byte) int { return bytes.Compare(a[:], b[:]) })
	b := []byte(f.magic)
	for _, k := range keys {
		b = Append(b, k, f.seen[k], write)
	}
	if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
		return err
	}
	tmp := f.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, f.path)
}

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// ErrCorrupt is Parse's error for a file it cannot read whole.
var ErrCorrupt = errors.New("corrupt cache file")

// Append appends the record of key and v to b.
func Append[V any](b []byte, key [32]byte, v V, write func([]byte, V) []byte) []byte {
	start := len(b)
	b = append(b, key[:]...)
	b = write(b, v)
	return binary.BigEndian.AppendUint32(b, crc32.Checksum(b[start:], crcTable))
}

// Parse reads the records of a file's bytes b (see Append).
func Parse[V any](b []byte, magic string, read func(*Reader) V) (map[[32]byte]V, error) {
	if !bytes.HasPrefix(b, []byte(magic)) {
		return nil, ErrCorrupt
	}
	r := &Reader{b: b[len(magic):]}
	m := map[[32]byte]V{}
	for len(r.b) > 0 && r.err == nil {
		rec := r.b
		var key [32]byte
		copy(key[:], r.Bytes(32))
		v := read(r)
		body := rec[:len(rec)-len(r.b)]
		sum := r.Bytes(4)
		if r.err != nil || binary.BigEndian.Uint32(sum) != crc32.Checksum(body, crcTable) {
			return nil, ErrCorrupt
		}
		m[key] = v
	}
	if r.err != nil {
		return nil, r.err
	}
	return m, nil
}

// Reader reads the fields of a record. Past the end, or at a number that
// does not fit, it keeps ErrCorrupt and returns nothing more.
type Reader struct {
	b   []byte
	err error
}

// Bytes returns the next n bytes, part of the file's.
func (r *Reader) Bytes(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b) {
		r.err = ErrCorrupt
		return nil
	}
	p := r.b[:n]
	r.b = r.b[n:]
	return p
}

// Count reads a length or a number of items (a uvarint): never more than
// the bytes left, since each takes at least one.
func (r *Reader) Count() int {
	n := r.Uvarint()
	if n > uint64(len(r.b)) {
		r.err = ErrCorrupt
		return 0
	}
	return int(n)
}

// Uvarint reads a number.
func (r *Reader) Uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	n, w := binary.Uvarint(r.b)
	if w <= 0 {
		r.err = ErrCorrupt
		return 0
	}
	r.b = r.b[w:]
	return n
}

// Fail makes the record, and so the file, unread: for a value out of its
// bounds.
func (r *Reader) Fail() { r.err = ErrCorrupt }

// Str reads a string written by AppendString.
func (r *Reader) Str() string { return string(r.Bytes(r.Count())) }

// AppendString appends s, with its length, to b.
func AppendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}
