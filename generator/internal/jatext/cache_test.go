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
	if !strings.Contains(string(b), fresh) || !strings.Contains(string(b), "n試験用の文\x1f試\x1f験用の文\x1e") {
		t.Errorf("the saved cache lacks texts, or their cuts:\n%s", b)
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
// portal's: every build that renders reads it at its start.
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
		frozen.Store(nil) // as at the start of a build
		if !LoadCache(path) {
			b.Fatal("not read")
		}
	}
}

// The texts and phrases read from the file are parts of the file's bytes,
// read once, not strings of their own; phrases that do not give the text
// back (a damaged file) are read as they are.
func TestCachePhrasesShareTheText(t *testing.T) {
	path := filepath.Join(t.TempDir(), "jatext.cache")
	good, bad := "共有される文の句です", "壊れた記録の文"
	rec := cacheHeader + "-" + good + "\x1f共有される\x1f文の\x1f句です\x1e" + "n" + bad + "\x1f壊れた\x1fほかの\x1f文\x1e"
	if err := os.WriteFile(path, []byte(rec), 0o644); err != nil {
		t.Fatal(err)
	}
	if !LoadCache(path) {
		t.Fatal("LoadCache did not read the file")
	}
	f := frozen.Load()
	base := uintptr(unsafe.Pointer(unsafe.SliceData(f.data)))
	inFile := func(s string) bool {
		at := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return at >= base && at+uintptr(len(s)) <= base+uintptr(len(f.data))
	}
	c, ok := f.lookup(good)
	if !ok || c.name || !reflect.DeepEqual(c.list(), []string{"共有される", "文の", "句です"}) {
		t.Fatalf("%s: %v, name %v, phrases %q", good, ok, c.name, c.list())
	}
	for text := range f.at {
		if !inFile(text) {
			t.Errorf("the text %q is not part of the file's bytes", text)
		}
	}
	for _, p := range c.list() {
		if !inFile(p) {
			t.Errorf("the phrase %q is not part of the file's bytes", p)
		}
	}
	if c, ok := f.lookup(bad); !ok || !c.name || !reflect.DeepEqual(c.list(), []string{"壊れた", "ほかの", "文"}) {
		t.Errorf("%s: %v, name %v, phrases %q, want them as in the file", bad, ok, c.name, c.list())
	}
	if _, ok := f.lookup("共有される文"); ok {
		t.Errorf("a text the file does not hold (the start of one it does) was found")
	}
}

// A text read from a cache file is written as the same cut made by this
// process would be, without an allocation.
func TestWriteCachedText(t *testing.T) {
	text := "窓口で本人確認書類を見せる"
	phrases := []string{"窓口で", "本人確認書類を", "見せる"}
	path := filepath.Join(t.TempDir(), "jatext.cache")
	if err := os.WriteFile(path, []byte(cacheHeader+"-"+text+"\x1f"+strings.Join(phrases, "\x1f")+"\x1e"), 0o644); err != nil {
		t.Fatal(err)
	}
	if !LoadCache(path) {
		t.Fatal("LoadCache did not read the file")
	}
	if c, ok := lookup(text); !ok || c.raw == "" {
		t.Fatalf("%s: not read from the file", text)
	}
	for _, lang := range []string{"ja", "en"} {
		var got, want strings.Builder
		WriteTo(&got, lang, text)
		if JapanesePage(lang) {
			writePhrases(&want, cut{phrases: phrases})
		} else {
			want.WriteString(`<span lang="ja">`)
			writePhrases(&want, cut{phrases: phrases})
			want.WriteString(`</span>`)
		}
		if got.String() != want.String() || !strings.Contains(got.String(), "窓口で<wbr>本人確認書類を<wbr>見せる") {
			t.Errorf("%s: wrote %q, want %q", lang, got.String(), want.String())
		}
		var b strings.Builder
		b.Grow(1024)
		if n := testing.AllocsPerRun(20, func() { b.Reset(); b.Grow(1024); WriteTo(&b, lang, text) }); n > 1 {
			t.Errorf("%s: %v allocations, want only the builder's buffer", lang, n)
		}
	}
}
