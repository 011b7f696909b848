package site_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// countingFS counts the files read through ReadFile (how a build reads its
// inputs to hash them).
type countingFS struct {
	fstest.MapFS
	reads *atomic.Int64
}

func (c countingFS) ReadFile(name string) ([]byte, error) {
	c.reads.Add(1)
	return c.MapFS.ReadFile(name)
}

func stamped(fsys fstest.MapFS, t time.Time) fstest.MapFS {
	for _, f := range fsys {
		f.ModTime = t
	}
	return fsys
}

// sameSizeEdit changes the closing time of minato's office without
// changing the file's size.
func sameSizeEdit(fsys fstest.MapFS, mtime time.Time) {
	edit(fsys, "rules/minato/city.yaml", `close: "17:15"`, `close: "17:30"`)
	fsys["rules/minato/city.yaml"].ModTime = mtime
}

// fullBuildOf builds fsys into a new folder and returns what it holds.
func fullBuildOf(t *testing.T, fsys fs.FS) map[string][]byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "full")
	if _, err := site.Build(incOptions(fsys, out)); err != nil {
		t.Fatal(err)
	}
	return readTree(t, out)
}

// An input whose size and modification time are as recorded, and were not
// too close to the moment the last build looked at them, is not read again.
func TestUnchangedInputsNotReadAgain(t *testing.T) {
	base := stamped(incBase(t), time.Now().Add(-time.Hour))
	reads := &atomic.Int64{}
	fsys := countingFS{base, reads}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(incOptions(fsys, out)); err != nil {
		t.Fatal(err)
	}
	reads.Store(0)
	res, err := site.Build(incOptions(fsys, out))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Unchanged {
		t.Errorf("nothing changed, but the build was not a no-op: %+v", res)
	}
	if n := reads.Load(); n != 0 {
		t.Errorf("a build with nothing changed read %d input files; want none (all known by their status)", n)
	}
}

// A file touched (new modification time, same bytes) is read again, and is
// not a change.
func TestTouchedInputIsNoChange(t *testing.T) {
	base := stamped(incBase(t), time.Now().Add(-time.Hour))
	reads := &atomic.Int64{}
	fsys := countingFS{base, reads}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(incOptions(fsys, out)); err != nil {
		t.Fatal(err)
	}
	base["rules/minato/city.yaml"].ModTime = time.Now().Add(-30 * time.Minute)
	base["content/kawa/pin_reset.ja.md"].ModTime = time.Now().Add(-20 * time.Minute)
	reads.Store(0)
	res, err := site.Build(incOptions(fsys, out))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Unchanged {
		t.Errorf("two files touched, none changed: the build was not a no-op: %+v", res)
	}
	if n := reads.Load(); n != 2 {
		t.Errorf("read %d input files again; want the 2 touched", n)
	}
}

// An edit that keeps the file's size but not its modification time is
// seen: the build renders the edited city and gives what a full build of
// the edited project gives.
func TestSameSizeEditSeen(t *testing.T) {
	base := stamped(incBase(t), time.Now().Add(-time.Hour))
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(incOptions(base, out)); err != nil {
		t.Fatal(err)
	}
	size := len(base["rules/minato/city.yaml"].Data)
	sameSizeEdit(base, time.Now().Add(-30*time.Minute))
	if len(base["rules/minato/city.yaml"].Data) != size {
		t.Fatal("the edit changed the size")
	}
	res, err := site.Build(incOptions(base, out))
	if err != nil {
		t.Fatal(err)
	}
	if res.Unchanged {
		t.Fatal("a same-size edit with a new modification time was not seen")
	}
	compareTrees(t, "output after a same-size edit", fullBuildOf(t, base), readTree(t, out))
}

// An edit made so soon after the last build looked at the file that its
// modification time did not change (a coarse clock: "racy" in git's terms)
// is seen: a file whose time was that close to the record's is read again.
func TestRacyEditSeen(t *testing.T) {
	now := time.Now()
	base := stamped(incBase(t), now.Add(-time.Hour))
	base["rules/minato/city.yaml"].ModTime = now.Truncate(2 * time.Second) // a FAT clock
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(incOptions(base, out)); err != nil {
		t.Fatal(err)
	}
	sameSizeEdit(base, base["rules/minato/city.yaml"].ModTime) // same size, same time
	res, err := site.Build(incOptions(base, out))
	if err != nil {
		t.Fatal(err)
	}
	if res.Unchanged {
		t.Fatal("an edit in the same tick as the last build was not seen")
	}
	compareTrees(t, "output after a racy edit", fullBuildOf(t, base), readTree(t, out))
}

// On disk: an edit that puts back the file's size and modification time
// (cp -p of another version, a tool that restores times) changes its
// change time, which no program sets: it is seen.
func TestRestoredTimesEditSeenOnDisk(t *testing.T) {
	if _, err := os.Stat("/proc/self"); err != nil {
		t.Skip("inode and change time are kept on Linux only")
	}
	src := t.TempDir()
	old := time.Now().Add(-time.Hour)
	for name, f := range incBase(t) {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	opts := incOptions(os.DirFS(src), out)
	if _, err := site.Build(opts); err != nil {
		t.Fatal(err)
	}
	city := filepath.Join(src, "rules", "minato", "city.yaml")
	// Edited, then its size and modification time put back.
	b, err := os.ReadFile(city)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"city.yaml": {Data: b}}
	edit(fsys, "city.yaml", `close: "17:15"`, `close: "17:30"`)
	if err := os.WriteFile(city, fsys["city.yaml"].Data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(city, old, old); err != nil { // as recorded
		t.Fatal(err)
	}
	res, err := site.Build(opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Unchanged {
		t.Fatal("an edit with its size and modification time put back was not seen")
	}
	compareTrees(t, "output after the edit", fullBuildOf(t, os.DirFS(src)), readTree(t, out))
}
