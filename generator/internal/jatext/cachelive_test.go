package jatext

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// The texts read from a cache file are held compactly: what a loaded file
// keeps live, per text, is its bytes, its phrases (parts of the text's
// string) and one map entry (a sync.Map's entry, with its key and value
// boxed, took about 60 bytes more).
func TestLoadedCacheLive(t *testing.T) {
	path := filepath.Join(t.TempDir(), "live.cache")
	var buf strings.Builder
	buf.WriteString(cacheHeader)
	const n = 20000
	textBytes := 0
	for i := range n {
		text := "窓口の" + strconv.Itoa(i) + "番"
		textBytes += len(text)
		buf.WriteString("-" + text)
		for _, p := range strings.SplitAfter(text, "の") {
			buf.WriteByte(sep)
			buf.WriteString(p)
		}
		buf.WriteByte(recEnd)
	}
	if err := os.WriteFile(path, []byte(buf.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if !LoadCache(path) {
		t.Fatal("not read")
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	perText := (int64(after.HeapAlloc) - int64(before.HeapAlloc) - int64(textBytes)) / n
	// 186 bytes with the sync.Map; 127 with the map (Go 1.26).
	if perText > 150 {
		t.Errorf("a text read from the file holds %d bytes beyond its own", perText)
	}
}
