package site

import (
	"os"
	"path/filepath"
	"testing"
)

// The file a record is written into before it replaces the record is
// Tebiki's: a build stopped while writing it (or while writing the record
// that says a build is under way, which a build writes while it renders)
// leaves it in the output, and the next build neither refuses the folder
// for it nor takes the output for changed.
func TestRecordTempIsTebikis(t *testing.T) {
	src := os.DirFS(filepath.Join("..", "..", ".."))
	out := filepath.Join(t.TempDir(), "public")
	opts := Options{Src: src, Out: out, Date: "2026-11-22"}
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, recordTemp), []byte(`{"interrupted":true,`), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Build(opts)
	if err != nil {
		t.Fatalf("the build after one stopped while writing its record: %v", err)
	}
	if !res.Unchanged {
		t.Errorf("the build after one stopped while writing its record: %+v; want nothing changed", res)
	}
}

// A mark of an interrupted build that cannot be read (cut short by a crash
// while it was written) still makes the next build full; the mark and its
// temporary file are Tebiki's, not files the output check refuses.
func TestInterruptMarkUnreadable(t *testing.T) {
	src := os.DirFS(filepath.Join("..", "..", ".."))
	out := filepath.Join(t.TempDir(), "public")
	opts := Options{Src: src, Out: out, Date: "2026-11-22"}
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{interruptMark, interruptMark + ".tmp"} {
		if err := os.WriteFile(filepath.Join(out, name), []byte(`{"pend`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Build(opts)
	if err != nil {
		t.Fatalf("the build after one interrupted: %v", err)
	}
	if res.Incremental || res.Unchanged || res.Full != "the last build was interrupted" {
		t.Errorf("the build after one interrupted: %+v; want it full", res)
	}
	for _, name := range []string{interruptMark, interruptMark + ".tmp"} {
		if _, err := os.Stat(filepath.Join(out, name)); !os.IsNotExist(err) {
			t.Errorf("%s is left after a full build: %v", name, err)
		}
	}
}
