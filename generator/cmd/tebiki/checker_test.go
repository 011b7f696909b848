package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/wasmbuild"
)

// The build takes the embedded checker by default, also in a module whose
// wasm/ differs from it (a developer's edit): it says so, and names the two
// ways out. Unchanged sources give no note.
func TestCheckerNoteWhenSourcesDiffer(t *testing.T) {
	src := copyProject(t)
	repo := filepath.Join("..", "..", "..")
	if err := os.CopyFS(filepath.Join(src, "wasm"), os.DirFS(filepath.Join(repo, "wasm"))); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"go.mod", "go.sum"} {
		b, err := os.ReadFile(filepath.Join(repo, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build := func() string {
		t.Helper()
		code, _, stderr := runCmd("build", "-src", src, "-out", filepath.Join(t.TempDir(), "public"), "-date", "2026-11-22")
		if code != 0 {
			t.Fatalf("build: exit %d\n%s", code, stderr)
		}
		return stderr
	}
	if stderr := build(); stderr != "" {
		t.Errorf("unchanged wasm/: stderr %q, want nothing", stderr)
	}
	f := filepath.Join(src, "wasm", "decide", "util.go")
	b, _ := os.ReadFile(f)
	os.WriteFile(f, append(b, "\n// an edit\n"...), 0o644)
	stderr := build()
	if !strings.Contains(stderr, "differs from the checker built into this tebiki") || !strings.Contains(stderr, "-checker=source") || !strings.Contains(stderr, wasmbuild.RegenerateCommand) {
		t.Errorf("edited wasm/: stderr %q, want the note", stderr)
	}
}
