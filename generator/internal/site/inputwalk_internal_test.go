package site

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"
)

// plainFS hides that an fs.FS is a folder on disk.
type plainFS struct{ fs.FS }

// The inputs of a project on disk are listed folder by folder (fstatat),
// in parallel, and hashInputs gives what it gives through fs.WalkDir and
// fs.Stat: the same files in the same order, the same status and hashes.
func TestInputsListedOnDisk(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, data string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("rules/_national/a.yaml", "effective_from: 2026-04-01\n")
	for i := range 60 { // more than a folder lists in name order
		write(fmt.Sprintf("rules/c%02d/city.yaml", (i*37)%60), fmt.Sprintf("n: %d\n", i))
		write(fmt.Sprintf("content/c%02d/page-%d.ja.md", i%7, (i*13)%60), "本文 2027-01-01\n")
	}
	write("rules/c01/tests/z.yaml", "z\n")
	write("rules/c01/tests/A.yaml", "A\n")
	write("rules/c01/b-c.yaml", "b\n")
	write("rules/c01/b/c.yaml", "c\n")
	write("content/about.ja.md", "about\n")
	write("content/c03/deep/er/x.md", "x\n")
	write("themes/t/layouts/page.html", "{{.}}\n")
	write("themes/t/assets/style.css", "p{}\n")
	if err := os.Symlink("a.yaml", filepath.Join(dir, "rules", "_national", "linked.yaml")); err != nil {
		t.Fatal(err)
	}

	onDisk := os.DirFS(dir)
	paths, stats, ok := listInputs(onDisk, []string{"rules", "content", "themes/t", "themes/none"})
	if runtime.GOOS == "linux" && !ok {
		t.Fatal("a project on disk was not listed")
	}
	if ok {
		var wantPaths []string
		var wantStats []fileStat
		for _, root := range []string{"rules", "content", "themes/t"} {
			fs.WalkDir(onDisk, root, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					t.Fatal(err)
				}
				if !d.IsDir() {
					info, err := fs.Stat(onDisk, p)
					if err != nil {
						t.Fatal(err)
					}
					wantPaths = append(wantPaths, p)
					wantStats = append(wantStats, statOf(info))
				}
				return nil
			})
		}
		if !reflect.DeepEqual(paths, wantPaths) {
			t.Errorf("listed:\n%q\nfs.WalkDir:\n%q", paths, wantPaths)
		}
		if !reflect.DeepEqual(stats, wantStats) {
			t.Errorf("status:\n%v\nfs.Stat:\n%v", stats, wantStats)
		}
	}
	if _, _, ok := listInputs(plainFS{onDisk}, []string{"rules"}); ok {
		t.Errorf("listed a file system not known to be a folder on disk")
	}

	got, err := hashInputs(onDisk, "themes/t", nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := hashInputs(plainFS{onDisk}, "themes/t", nil)
	if err != nil {
		t.Fatal(err)
	}
	got.at, want.at = 0, 0
	if !reflect.DeepEqual(got, want) {
		t.Errorf("hashInputs of the folder on disk:\n%+v\nthrough fs.WalkDir:\n%+v", got, want)
	}
}
