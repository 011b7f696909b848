package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
)

// countFS counts the reads of each file of an fs.FS.
type countFS struct {
	fs.FS
	mu    sync.Mutex
	reads map[string]int
}

func (c *countFS) count(name string) {
	c.mu.Lock()
	c.reads[name]++
	c.mu.Unlock()
}

func (c *countFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err == nil {
		if st, err := f.Stat(); err == nil && !st.IsDir() {
			c.count(name)
		}
	}
	return f, err
}

func (c *countFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

func (c *countFS) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(c.FS, name)
	if err == nil {
		c.count(name)
	}
	return b, err
}

// A build with no record to compare with reads its inputs as loading them
// alone does: it hashes the files for its record as it loads them, not in
// a reading of its own before (and reads once those it does not load).
// The record it writes holds the hashes a reading of its own gives, and
// the next build finds nothing changed.
func TestFullBuildReadsInputsOnce(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	want, err := hashInputs(os.DirFS(root), "themes/default", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, contentOnly := range []bool{false, true} {
		// What loading reads.
		loading := &countFS{FS: os.DirFS(root), reads: map[string]int{}}
		if _, _, err := BuildFiles(Options{Src: loading, Date: "2026-11-22", ContentOnly: contentOnly}); err != nil {
			t.Fatal(err)
		}
		src := &countFS{FS: os.DirFS(root), reads: map[string]int{}}
		out := filepath.Join(t.TempDir(), "public")
		opts := Options{Src: src, Out: out, Date: "2026-11-22", ContentOnly: contentOnly}
		if _, err := Build(opts); err != nil {
			t.Fatal(err)
		}
		loaded := 0
		for p := range want.files {
			n := src.reads[p]
			if loading.reads[p] > 0 {
				loaded++
			}
			if w := max(loading.reads[p], 1); n != w {
				t.Errorf("content-only %v: %s read %d times; want %d (loading reads it %d times)", contentOnly, p, n, w, loading.reads[p])
			}
		}
		if loaded < len(want.files)/2 {
			t.Fatalf("content-only %v: loading read %d of the %d inputs; want most", contentOnly, loaded, len(want.files))
		}
		src.reads = map[string]int{}
		m, err := readManifest(out)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(m.InputFiles, want.files) || !reflect.DeepEqual(m.Inputs, want.groups) {
			t.Errorf("content-only %v: the record's inputs differ from their hashes", contentOnly)
		}
		res, err := Build(opts)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Unchanged {
			t.Errorf("content-only %v: the build after: %+v; want nothing changed", contentOnly, res)
		}
	}
}

// hashInputs (for tests: a build lists the inputs and finishes the list
// in two steps, see inputread.go) hashes every file under rules/, content/ and the theme. Files
// of rules/CITY/ and content/CITY/ go to the hash of CITY; the top pages'
// prose (content/*.md) to the hash of ""; the rest to the global hash.
//
// With old, the record of the last build, a file whose status is as
// recorded there (see inputstat.go) is not read again.
func hashInputs(fsys fs.FS, themeDir string, old *manifest) (*inputs, error) {
	l, err := listInputFiles(fsys, themeDir, old, nil)
	if err != nil {
		return nil, err
	}
	return l.finish(fsys)
}
