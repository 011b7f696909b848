package keyfile

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

const magic = "test-1\n"

func key(i byte) [32]byte { return [32]byte{i} }

func load(path string) *File[string] {
	return Load(path, magic, func(r *Reader) string { return r.Str() })
}

func save(f *File[string], keep int) error {
	return f.Save(func(int) int { return keep }, AppendString)
}

// Values stored are read back by the next process; a save keeps those
// looked up or stored first, then others read, up to what keep allows; a
// file with nothing new is not written again; a damaged file is as empty.
func TestFileKeepsValues(t *testing.T) {
	var none *File[string] // no cache: holds and keeps nothing
	none.Store(key(1), "a")
	if _, ok := none.Lookup(key(1)); ok {
		t.Fatal("a nil File holds a value")
	}
	path := filepath.Join(t.TempDir(), "sub", "x.cache")
	f := load(path)
	if _, ok := f.Lookup(key(1)); ok {
		t.Fatal("a value in a file not written yet")
	}
	for i := byte(1); i <= 3; i++ {
		f.Store(key(i), string(rune('a'+i)))
	}
	if err := save(f, 10); err != nil {
		t.Fatal(err)
	}
	f = load(path)
	if v, ok := f.Lookup(key(2)); !ok || v != "c" {
		t.Fatalf("Lookup = %q, %v; want the value stored", v, ok)
	}
	before, _ := os.ReadFile(path)
	if err := save(f, 10); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("a save with nothing new changed the file")
	}
	st, _ := os.Stat(path)
	f = load(path)
	f.Lookup(key(3))
	if err := save(f, 1); err != nil { // keeps only the one looked up
		t.Fatal(err)
	}
	if st2, _ := os.Stat(path); os.SameFile(st, st2) {
		t.Error("a save that drops values did not write the file again")
	}
	f = load(path)
	if _, ok := f.Lookup(key(1)); ok {
		t.Error("a value beyond keep was kept")
	}
	if v, ok := f.Lookup(key(3)); !ok || v != "d" {
		t.Errorf("the value looked up was not kept: %q, %v", v, ok)
	}
	b, _ := os.ReadFile(path)
	b[len(b)-1] ^= 1
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := load(path).Lookup(key(3)); ok {
		t.Error("a damaged file was read")
	}
}
