package site

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// A project folder read through onDisk gives the bytes and the errors that
// os.DirFS gives, and is still known as a folder on disk.
func TestOnDiskReadsAsDirFS(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"tebiki.yaml":               []byte("site: x\n"),
		"empty.md":                  nil,
		"rules/kawa/city.yaml":      bytes.Repeat([]byte("名前: 川市\n"), 1000), // larger than a first read
		"content/ja/kawa/_index.md": []byte("# 川市\n"),
	}
	for name, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	plain := os.DirFS(dir)
	fast := onDisk(plain)
	if _, ok := fast.(fs.ReadFileFS); !ok || fast == plain {
		t.Fatalf("onDisk(os.DirFS) = %T, want the folder read by system calls", fast)
	}
	if onDisk(fast) != fast {
		t.Error("onDisk wraps a folder twice")
	}
	if d, ok := dirOf(fast); !ok || d != dir {
		t.Errorf("dirOf = %q, %v; want %q", d, ok, dir)
	}
	if m := (fstest.MapFS{}); onDisk(m) == nil {
		t.Error("onDisk lost a file system not on disk")
	}
	names := []string{"tebiki.yaml", "empty.md", "rules/kawa/city.yaml", "content/ja/kawa/_index.md",
		"missing.yaml", "rules", "rules/../tebiki.yaml", "/tebiki.yaml", "rules/kawa/", "a\x00b"}
	for _, name := range names {
		want, werr := fs.ReadFile(plain, name)
		got, gerr := fs.ReadFile(fast, name)
		if !bytes.Equal(got, want) || (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() {
			t.Errorf("%q: read %d bytes, %v; os.DirFS: %d bytes, %v", name, len(got), gerr, len(want), werr)
		}
		if werr != nil && strings.Contains(name, "missing") && !os.IsNotExist(gerr) {
			t.Errorf("%q: %v is not a missing file", name, gerr)
		}
	}
	if err := fstest.TestFS(fast, "tebiki.yaml", "rules/kawa/city.yaml", "content/ja/kawa/_index.md"); err != nil {
		t.Error(err)
	}
}
