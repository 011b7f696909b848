//go:build linux

package site

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"golang.org/x/sys/unix"
)

// fstatat gives what unix.Fstatat gives, without an allocation a call
// once its buffer has grown.
func TestFstatat(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "ja", "c0001"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ja", "c0001", "index.html"), []byte("<p>x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("c0001/index.html", filepath.Join(dir, "ja", "link.html")); err != nil {
		t.Fatal(err)
	}
	root, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(root)
	var buf []byte
	for _, c := range []struct {
		path  string
		flags int
	}{
		{"ja/c0001/index.html", unix.AT_SYMLINK_NOFOLLOW},
		{"ja/c0001", unix.AT_SYMLINK_NOFOLLOW},
		{"ja/link.html", unix.AT_SYMLINK_NOFOLLOW},
		{"ja/link.html", 0},
		{"ja/missing.html", 0},
		{"ja/c0001/index.html/x", 0},
		{"ja/c0001/index.html\x00", 0},
		{"", 0},
	} {
		var got, want unix.Stat_t
		err := fstatat(&buf, root, c.path, &got, c.flags)
		wantErr := unix.Fstatat(root, c.path, &want, c.flags)
		if !errors.Is(err, wantErr) && (err != nil || wantErr != nil) || got != want {
			t.Errorf("fstatat(%q, %d) = %+v, %v; unix.Fstatat gives %+v, %v", c.path, c.flags, got, err, want, wantErr)
		}
	}
	if runtime.GOARCH != "amd64" && runtime.GOARCH != "arm64" {
		return // unix.Fstatat there
	}
	var st unix.Stat_t
	if allocs := testing.AllocsPerRun(20, func() { fstatat(&buf, root, "ja/c0001/index.html", &st, 0) }); allocs != 0 {
		t.Errorf("%.1f allocations a call; want none", allocs)
	}
}
