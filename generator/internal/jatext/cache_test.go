package jatext

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

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
	Phrases("保存される新しい文です。")
	if err := SaveCache(path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "保存される新しい文です。") || !strings.Contains(string(b), "試験用の文") {
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
