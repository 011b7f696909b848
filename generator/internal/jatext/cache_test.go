package jatext

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Texts kept by an earlier build are taken from the file, not cut again, and
// SaveCache keeps the texts cut since.
func TestCacheFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "jatext.json")
	// An entry no analyser would give, to see that it comes from the file.
	if err := os.WriteFile(path, []byte(`{"texts":{"試験用の文":{"p":["試","験用の文"],"n":true}}}`), 0o644); err != nil {
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
	if LoadCache(filepath.Join(dir, "missing.json")) {
		t.Error("LoadCache reports a missing file as read")
	}
}
