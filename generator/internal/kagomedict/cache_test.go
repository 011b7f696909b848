package kagomedict

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome-dict/ipa"
)

func loadCached(t *testing.T, dir string, full bool, want Stats) *dict.Dict {
	t.Helper()
	d, st, err := LoadIPACached(dir, full)
	if err != nil {
		t.Fatal(err)
	}
	if st != want {
		t.Errorf("full %v: got %+v, want %+v", full, st, want)
	}
	return d
}

// ipaCachePath is the IPA dictionary's cache file in dir.
func ipaCachePath(t *testing.T, dir string) string {
	t.Helper()
	f, _ := ipaSrc.Open("ipa.dict")
	defer f.Close()
	fi, _ := f.Stat()
	p, err := CachePath(dir, f.(interface {
		ReadAt([]byte, int64) (int, error)
	}), fi.Size())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The first load writes the parts it read into the cache; the next loads
// read them there, and a load that needs a part more (the features) adds it.
// Every load gives kagome-dict's dictionary.
func TestCacheKeepsParts(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionary several times: the full suite runs it")
	}
	dir := t.TempDir()
	shrinkRef, fullRef := reference(t, false), ipa.Dict()
	sameDict(t, loadCached(t, dir, false, Stats{Inflated: 8, Wrote: true}), shrinkRef)
	if _, err := os.Stat(ipaCachePath(t, dir)); err != nil {
		t.Fatal(err)
	}
	sameDict(t, loadCached(t, dir, false, Stats{FromCache: 8}), shrinkRef)
	sameDict(t, loadCached(t, dir, true, Stats{FromCache: 8, Inflated: 1, Wrote: true}), fullRef)
	sameDict(t, loadCached(t, dir, false, Stats{FromCache: 8}), shrinkRef)
	sameDict(t, loadCached(t, dir, true, Stats{FromCache: 9}), fullRef)
	if files, _ := os.ReadDir(dir); len(files) != 1 {
		t.Errorf("the cache folder holds %d files, want 1", len(files))
	}
}

// A damaged cache file gives the dictionary all the same, and is written
// again.
func TestCacheDamaged(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionary several times: the full suite runs it")
	}
	dir := t.TempDir()
	loadCached(t, dir, false, Stats{Inflated: 8, Wrote: true})
	path := ipaCachePath(t, dir)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A byte inside the largest part (index.dict), and a file cut short.
	i := bytes.Index(b, []byte(dict.IndexDictFileName))
	flipped := bytes.Clone(b)
	flipped[i+1000] ^= 0x40
	ref := reference(t, false)
	for name, damaged := range map[string][]byte{"a byte changed": flipped, "cut short": b[:len(b)/2], "empty": nil} {
		if err := os.WriteFile(path, damaged, 0o644); err != nil {
			t.Fatal(err)
		}
		d, st, err := LoadIPACached(dir, false)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sameDict(t, d, ref)
		if !st.Wrote {
			t.Errorf("%s: not written again: %+v", name, st)
		}
		loadCached(t, dir, false, Stats{FromCache: 8})
	}
}

// storedZip writes parts into a zip without compression.
func storedZip(t *testing.T, names []string, parts map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(parts[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Another dictionary (as a new kagome-dict would bring) does not read the
// first one's cache, even from a file under its own name: what it loads is
// its own.
func TestCacheOtherDictionary(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionary several times: the full suite runs it")
	}
	dir := t.TempDir()
	loadCached(t, dir, false, Stats{Inflated: 8, Wrote: true})

	// The same dictionary without features, one entry's weight changed.
	parts := map[string][]byte{}
	var names []string
	for _, f := range ipaZip(t).File {
		if f.Name == dict.ContentDictFileName {
			continue
		}
		b, err := inflate(f)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, f.Name)
		parts[f.Name] = b
	}
	m := parts[dict.MorphDictFileName]
	binary.LittleEndian.PutUint16(m[8+6*1000+4:], 12345)
	other := storedZip(t, names, parts)
	zr, err := zip.NewReader(bytes.NewReader(other), int64(len(other)))
	if err != nil {
		t.Fatal(err)
	}
	want, err := dict.Load(zr, false)
	if err != nil {
		t.Fatal(err)
	}
	if want.Morphs[1000].Weight != 12345 {
		t.Fatalf("the weight was not changed: %+v", want.Morphs[1000])
	}

	otherPath, err := CachePath(dir, bytes.NewReader(other), int64(len(other)))
	if err != nil {
		t.Fatal(err)
	}
	if otherPath == ipaCachePath(t, dir) {
		t.Fatal("two dictionaries, one cache file")
	}
	got, st, err := LoadCached(dir, bytes.NewReader(other), int64(len(other)), false)
	if err != nil {
		t.Fatal(err)
	}
	sameDict(t, got, want)
	if st != (Stats{Inflated: 8, Wrote: true}) {
		t.Errorf("got %+v", st)
	}

	// The IPA dictionary's cache under the other's name: its morph.dict
	// (another CRC-32) is not taken.
	b, err := os.ReadFile(ipaCachePath(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(otherPath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	got, st, err = LoadCached(dir, bytes.NewReader(other), int64(len(other)), false)
	if err != nil {
		t.Fatal(err)
	}
	sameDict(t, got, want)
	if st != (Stats{FromCache: 7, Inflated: 1, Wrote: true}) {
		t.Errorf("got %+v", st)
	}
}

// Writing a cache file removes the oldest of the dictionaries' cache files
// beyond keepCaches, and old temporary files of its own, and nothing else.
func TestCachePruned(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	files := []struct {
		name string
		age  time.Duration
		kept bool
	}{
		{"kagome-dict-aaaa.zip", 3 * time.Hour, false},
		{"kagome-dict-bbbb.zip", 2 * time.Hour, false},
		{"kagome-dict-cccc.zip", time.Hour, true}, // the newest of the others
		{"kagome-dict-1234.tmp", 2 * time.Hour, false},
		{"kagome-dict-5678.tmp", time.Minute, true}, // another build writing
		{"notes.zip", 4 * time.Hour, true},
		{"kagome-dict-dddd.txt", 4 * time.Hour, true},
	}
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-f.age), now.Add(-f.age)); err != nil {
			t.Fatal(err)
		}
	}
	loadCached(t, dir, false, Stats{Inflated: 8, Wrote: true})
	for _, f := range files {
		_, err := os.Stat(filepath.Join(dir, f.name))
		if kept := err == nil; kept != f.kept {
			t.Errorf("%s: kept %v, want %v", f.name, kept, f.kept)
		}
	}
	if _, err := os.Stat(ipaCachePath(t, dir)); err != nil {
		t.Error(err)
	}
}

// A cache folder that cannot be written only makes the load slower.
func TestCacheNotWritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	d := loadCached(t, filepath.Join(file, "cache"), false, Stats{Inflated: 8})
	if !reflect.DeepEqual(d.Morphs, reference(t, false).Morphs) {
		t.Error("another dictionary")
	}
}
