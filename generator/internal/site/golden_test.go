package site_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Whole-site golden tests: each fixture testdata/NAME.txtar (rules, content
// and a tiny theme "t") is built from memory, and the whole output must match
// testdata/NAME.golden/ file for file, byte for byte.
//
//	UPDATE_SNAPSHOTS=1 go test ./generator/internal/site/ -run Golden
//
// rewrites the golden folders; inspect the diff before committing it.
var goldenFixtures = []string{"site", "single"}

func updating() bool { return os.Getenv("UPDATE_SNAPSHOTS") == "1" }

func TestGolden(t *testing.T) {
	for _, name := range goldenFixtures {
		t.Run(name, func(t *testing.T) {
			fsys := loadFixture(t, name)
			out, res := buildSite(t, fsys, "t")
			got := readTree(t, out)

			// The summary counts what was written.
			var size int64
			for _, b := range got {
				size += int64(len(b))
			}
			if res.Files != len(got) || res.Pages != len(htmlPages(got)) || res.Bytes != size {
				t.Errorf("Result = %d pages, %d files, %d bytes; the output has %d pages, %d files, %d bytes",
					res.Pages, res.Files, res.Bytes, len(htmlPages(got)), len(got), size)
			}

			dir := filepath.Join("testdata", name+".golden")
			if updating() {
				if err := os.RemoveAll(dir); err != nil {
					t.Fatal(err)
				}
				// What the comparison reads: not the build record,
				// which holds the executable's hash.
				for name, b := range got {
					p := filepath.Join(dir, filepath.FromSlash(name))
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(p, b, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				t.Logf("rewrote %s; inspect the diff (git diff -- %s) before committing", dir, dir)
				return
			}
			if _, err := os.Stat(dir); err != nil {
				t.Fatalf("no golden output: %v\nrun UPDATE_SNAPSHOTS=1 go test ./generator/internal/site/ -run Golden and inspect the result", err)
			}
			if !compareTrees(t, "output vs "+dir, readTree(t, dir), got) {
				t.Errorf("the built site differs from %s.\nIf the change is intended, run\n\tUPDATE_SNAPSHOTS=1 go test ./generator/internal/site/ -run Golden\nand inspect the diff (git diff -- %s) before committing it.", dir, dir)
			}
		})
	}
}

// TestGoldenFixturesAreSmall keeps the golden files readable: the fixture
// themes are tiny on purpose.
func TestGoldenFixturesAreSmall(t *testing.T) {
	if updating() {
		t.Skip("updating snapshots")
	}
	for _, name := range goldenFixtures {
		total := 0
		for file, b := range readTree(t, filepath.Join("testdata", name+".golden")) {
			total += len(b)
			if len(b) > 4<<10 && strings.HasSuffix(file, ".html") {
				t.Errorf("%s.golden/%s is %d bytes; keep the fixture theme tiny", name, file, len(b))
			}
		}
		if total > 40<<10 {
			t.Errorf("%s.golden holds %d bytes; keep the fixture small", name, total)
		}
	}
}
