package jatext

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

var cacheFileRuns int

// Texts kept by an earlier build are taken from the file, not cut again, and
// SaveCache keeps the texts cut since.
func TestCacheFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "jatext.cache")
	// An entry no analyser would give, to see that it comes from the file.
	if err := os.WriteFile(path, []byte(cacheHeader+"n試験用の文\x1f試\x1f験用の文\x1e"), 0o644); err != nil {
		t.Fatal(err)
	}
	if !LoadCache(path) {
		t.Fatal("LoadCache did not read the file")
	}
	if got := Phrases("試験用の文"); !reflect.DeepEqual(got, []string{"試", "験用の文"}) {
		t.Errorf("Phrases = %q, want the cached cut", got)
	}
	// A text this process has not cut before (the cut texts are the
	// process's: with -count 2, the same sentence would already be known).
	cacheFileRuns++
	fresh := "保存される新しい文です。第" + strconv.Itoa(cacheFileRuns) + "版"
	Phrases(fresh)
	if err := SaveCache(path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), fresh) || !strings.Contains(string(b), "試験用の文") {
		t.Errorf("the saved cache lacks texts:\n%s", b)
	}
	if LoadCache(filepath.Join(dir, "missing.cache")) {
		t.Error("LoadCache reports a missing file as read")
	}
	// A file of another format (an older Tebiki's JSON) is not read: its
	// texts are cut again.
	old := filepath.Join(dir, "old.cache")
	if err := os.WriteFile(old, []byte(`{"texts":{}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if LoadCache(old) {
		t.Error("LoadCache read a file of another format")
	}
}

// BenchmarkLoadCache reads a cache of 50,000 texts, about a national
// portal's: every build reads it at its start.
func BenchmarkLoadCache(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "big.cache")
	var buf strings.Builder
	buf.WriteString(cacheHeader)
	for i := range 50000 {
		buf.WriteString("-")
		text := strings.Repeat("市役所の窓口", 1+i%4) + strconv.Itoa(i)
		buf.WriteString(text)
		for _, p := range strings.SplitAfter(text, "の") {
			buf.WriteByte(sep)
			buf.WriteString(p)
		}
		buf.WriteByte(recEnd)
	}
	if err := os.WriteFile(path, []byte(buf.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		loadedMu.Lock()
		delete(loaded, path)
		loadedMu.Unlock()
		if !LoadCache(path) {
			b.Fatal("not read")
		}
	}
}

// The phrases of a text read from the file are parts of the text's own
// string, not strings of their own; phrases that do not give the text back
// (a damaged file) are read as they are.
func TestCachePhrasesShareTheText(t *testing.T) {
	path := filepath.Join(t.TempDir(), "jatext.cache")
	good, bad := "共有される文の句です", "壊れた記録の文"
	rec := cacheHeader + "-" + good + "\x1f共有される\x1f文の\x1f句です\x1e" + "-" + bad + "\x1f壊れた\x1fほかの\x1f文\x1e"
	if err := os.WriteFile(path, []byte(rec), 0o644); err != nil {
		t.Fatal(err)
	}
	if !LoadCache(path) {
		t.Fatal("LoadCache did not read the file")
	}
	kept := func(text string) (string, cut) {
		for k, c := range *frozen.Load() {
			if k == text {
				return k, c
			}
		}
		return "", cut{}
	}
	key, c := kept(good)
	if !reflect.DeepEqual(c.phrases, []string{"共有される", "文の", "句です"}) {
		t.Fatalf("%s: phrases %q", good, c.phrases)
	}
	base := uintptr(unsafe.Pointer(unsafe.StringData(key)))
	for _, p := range c.phrases {
		if at := uintptr(unsafe.Pointer(unsafe.StringData(p))); at < base || at+uintptr(len(p)) > base+uintptr(len(key)) {
			t.Errorf("the phrase %q is not part of the text's string", p)
		}
	}
	if _, c := kept(bad); !reflect.DeepEqual(c.phrases, []string{"壊れた", "ほかの", "文"}) {
		t.Errorf("%s: phrases %q, want them as in the file", bad, c.phrases)
	}
}
