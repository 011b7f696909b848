package flock

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	gofrs "github.com/gofrs/flock"
)

// held reports whether someone holds the lock file at path: another
// handle's try fails while it is held.
func held(t *testing.T, path string) bool {
	t.Helper()
	l := gofrs.New(path, gofrs.SetFlag(os.O_CREATE|os.O_RDWR))
	ok, err := l.TryLock()
	if err != nil {
		t.Fatal(err)
	}
	if ok {
		l.Unlock()
	}
	return !ok
}

func TestFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.lock")
	unlock, err := File(path)
	if err != nil {
		t.Fatal(err)
	}
	if !held(t, path) {
		t.Error("the file is not locked while held")
	}
	unlock()
	if held(t, path) {
		t.Error("the file is still locked after release")
	}
}

// A folder's lock is one file for every spelling of its path, is held
// until released, and is not in or beside the folder.
func TestDir(t *testing.T) {
	t.Setenv("TEBIKI_CACHE", t.TempDir())
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	unlock, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	spellings := []string{dir, dir + string(filepath.Separator), filepath.Join(dir, "..", "site")}
	if runtime.GOOS != "windows" {
		link := filepath.Join(t.TempDir(), "link")
		if err := os.Symlink(dir, link); err == nil {
			spellings = append(spellings, link)
		}
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, dir); err == nil {
			spellings = append(spellings, rel)
		}
	}
	for _, p := range spellings {
		lf, err := dirLockFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !held(t, lf) {
			t.Errorf("locking %s does not lock %s", dir, p)
		}
	}
	other, _ := dirLockFile(parent)
	if held(t, other) {
		t.Error("locking a folder locks its parent")
	}
	unlock()
	lf, _ := dirLockFile(dir)
	if held(t, lf) {
		t.Error("the folder is still locked after release")
	}
	for _, d := range []string{parent, dir} {
		names, _ := os.ReadDir(d)
		for _, n := range names {
			if n.Name() != "site" {
				t.Errorf("the lock wrote %s into %s", n.Name(), d)
			}
		}
	}
	if _, err := Dir(filepath.Join(parent, "missing")); err == nil {
		t.Error("locked a folder that does not exist")
	}
}
