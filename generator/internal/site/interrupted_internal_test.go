package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// editedFS is fsys with some files replaced.
type editedFS struct {
	fs.FS
	files fstest.MapFS
}

func (e editedFS) Open(name string) (fs.File, error) {
	if _, ok := e.files[name]; ok {
		return e.files.Open(name)
	}
	return e.FS.Open(name)
}

// An incremental build stopped while it moves files into the output leaves
// a record that says so: the folder is still known as Tebiki's output (the
// next build may replace it), and the next build is full and puts it right.
func TestInterruptedIncrementalBuild(t *testing.T) {
	src := os.DirFS(filepath.Join("..", "..", ".."))
	out := filepath.Join(t.TempDir(), "public")
	opts := Options{Src: src, Out: out, Date: "2026-11-22"}
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	// Edit one city: the next build is incremental and moves files.
	const page = "content/sanda/renewal.ja.md"
	b, err := fs.ReadFile(src, page)
	if err != nil {
		t.Fatal(err)
	}
	opts.Src = editedFS{src, fstest.MapFS{page: {Data: append(b, "\n\n追記。\n"...)}}}
	moved := 0
	testHookMove = func(string) error {
		if moved++; moved == 1 {
			return errors.New("killed")
		}
		return nil
	}
	_, err = Build(opts)
	testHookMove = nil
	if err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("Build = %v; want it stopped", err)
	}
	if m, err := readManifest(out); err != nil || !m.Interrupted {
		t.Fatalf("record after the stopped build: %v; want one marked interrupted", err)
	}
	res, err := Build(opts)
	if err != nil {
		t.Fatalf("the build after the interrupted one: %v", err)
	}
	if res.Incremental || res.Full != "the last build was interrupted" {
		t.Errorf("incremental %v, full %q; want a full build because the last was interrupted", res.Incremental, res.Full)
	}
	sameAsFullBuild(t, opts)
}

// sameAsFullBuild checks that opts.Out holds the files a full build of
// opts into a new folder writes.
func sameAsFullBuild(t *testing.T, opts Options) {
	t.Helper()
	full := opts
	full.Out = filepath.Join(t.TempDir(), "public")
	if _, err := Build(full); err != nil {
		t.Fatal(err)
	}
	want, got := filesUnder(t, full.Out), filesUnder(t, opts.Out)
	if len(want) != len(got) {
		t.Errorf("%d files; a full build writes %d", len(got), len(want))
	}
	for p, v := range want {
		if got[p] != v {
			t.Errorf("%s differs from a full build", p)
		}
	}
}

func filesUnder(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == ManifestName {
			return err
		}
		b, err := os.ReadFile(p)
		m[p[len(dir):]] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// An incremental build stopped after it moved in a page at a new path (a
// page added to a city) leaves a record that names it: the next build
// knows the page as Tebiki's, does not refuse the folder, and is full.
func TestInterruptedBuildMovedNewPage(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	project := t.TempDir()
	for _, name := range []string{"content", "rules", "themes", "tebiki.yaml", "glossary.yaml"} {
		sub, err := fs.Sub(os.DirFS(root), name)
		if err != nil {
			t.Fatal(err)
		}
		if st, err := os.Stat(filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		} else if !st.IsDir() {
			b, err := os.ReadFile(filepath.Join(root, name))
			if err == nil {
				err = os.WriteFile(filepath.Join(project, name), b, 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.CopyFS(filepath.Join(project, name), sub); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	opts := Options{Src: os.DirFS(project), SrcDir: project, Out: out, Date: "2026-11-22"}
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	for lang, text := range map[string]string{"ja": "---\ntitle: 窓口の混雑\n---\n本文。\n", "en": "---\ntitle: Busy hours\n---\nText.\n", "easy": "---\ntitle: まどぐち\n---\nほんぶん。\n"} {
		if err := os.WriteFile(filepath.Join(project, "content", "sanda", "busy."+lang+".md"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var moved string
	testHookMove = func(p string) error {
		if strings.Contains(p, "/busy/") {
			moved = p
			return errors.New("killed")
		}
		return nil
	}
	_, err := Build(opts)
	testHookMove = nil
	if moved == "" {
		t.Fatalf("Build = %v; the incremental build moved no new page in", err)
	}
	if err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("Build = %v; want it stopped", err)
	}
	res, err := Build(opts)
	if err != nil {
		t.Fatalf("the build after the interrupted one, which had moved in %s: %v", moved, err)
	}
	if res.Incremental {
		t.Error("the build after the interrupted one was incremental")
	}
	sameAsFullBuild(t, opts)
	// A file someone put in the output is still refused.
	if err := os.WriteFile(filepath.Join(out, "ja", "mine.html"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(opts); err == nil || !strings.Contains(err.Error(), "mine.html") {
		t.Errorf("a file added by hand: Build = %v, want it refused", err)
	}
}
