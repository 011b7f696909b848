package site

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// folders.ensure makes a folder and its missing parents once, from many
// writers at the same moment, and refuses a file in a folder's place.
func TestFoldersEnsure(t *testing.T) {
	root := t.TempDir()
	var dirs folders
	deep := filepath.Join(root, "ja", "c0001", "renewal", "q")
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = dirs.ensure(filepath.Join(deep, "a"))
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if st, err := os.Stat(filepath.Join(deep, "a")); err != nil || !st.IsDir() {
		t.Fatalf("the folder was not made: %v", err)
	}
	// A folder left by an earlier build is fine; a file in its place is not.
	if err := os.MkdirAll(filepath.Join(root, "en", "old"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := dirs.ensure(filepath.Join(root, "en", "old")); err != nil {
		t.Errorf("an existing folder: %v", err)
	}
	if err := os.WriteFile(filepath.Join(root, "en", "file"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := dirs.ensure(filepath.Join(root, "en", "file")); err == nil {
		t.Error("a file in the folder's place was accepted")
	}
	if err := dirs.ensure(filepath.Join(root, "en", "file", "under")); err == nil {
		t.Error("a folder under a file was accepted")
	}
}

// writeFile replaces a file's bytes and returns its modification time as
// the file system tells it; an error names the file.
func TestWriteFile(t *testing.T) {
	name := filepath.Join(t.TempDir(), "index.html")
	if err := os.WriteFile(name, []byte(strings.Repeat("old ", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	want := []byte("<!DOCTYPE html>new")
	mtime, err := writeFile(name, want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(name)
	if err != nil || string(got) != string(want) {
		t.Fatalf("the file holds %q (%v), want %q", got, err, want)
	}
	st, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if st.ModTime().UnixNano() != mtime {
		t.Errorf("modification time %d, the file system says %d", mtime, st.ModTime().UnixNano())
	}
	missing := filepath.Join(t.TempDir(), "no", "index.html")
	if _, err := writeFile(missing, want); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("writing into a missing folder: %v, want an error naming %s", err, missing)
	}
}
