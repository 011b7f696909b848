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

// The record that says an incremental build is under way is written while
// the build renders, and put in place only once everything succeeded: a
// record marked, then abandoned, leaves the record as it was.
func TestRecordMarkAbandoned(t *testing.T) {
	b, err := marshalManifest(sampleRecord(3))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ManifestName), b, 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := readManifestLazy(dir)
	if err != nil {
		t.Fatal(err)
	}
	startMark(dir, m).abort()
	if again, err := readManifest(dir); err != nil || again.Interrupted {
		t.Errorf("record after a mark abandoned: %v, interrupted %v", err, again != nil && again.Interrupted)
	}
	if _, err := os.Stat(filepath.Join(dir, recordTemp)); !os.IsNotExist(err) {
		t.Errorf("the marked record abandoned is left: %v", err)
	}
	if err := startMark(dir, m).commit(nil); err != nil {
		t.Fatal(err)
	}
	if again, err := readManifest(dir); err != nil || !again.Interrupted {
		t.Errorf("record after a mark committed: %v, interrupted %v", err, again != nil && again.Interrupted)
	}
}
