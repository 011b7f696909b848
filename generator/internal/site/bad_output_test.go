package site_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// Bad output folders: a build replaces only a folder that is absent, empty,
// or a previous build's output (it holds site.ManifestName); anything else
// is refused with a *site.RefusedError, and nothing is touched. With Force,
// a folder of other files is replaced; the project's sources never are.

// diskProject writes the fixture project testdata/site.txtar into a new
// folder and returns it.
func diskProject(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "project")
	if err := os.CopyFS(dir, loadFixture(t, "site")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// snapshot lists every file and folder under root (symbolic links as
// links), with the files' contents.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			m[rel] = "link to " + target
		case d.IsDir():
			m[rel] = "folder"
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			m[rel] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestBadOutputRefused(t *testing.T) {
	tests := []struct {
		name  string
		out   string // relative to the project; "" for outside it
		setup func(t *testing.T, project, out string)
		force bool
		want  string // part of the message
	}{
		{name: "content", out: "content", want: "is the project's folder"},
		{name: "content, forced", out: "content", force: true, want: "is the project's folder"},
		{name: "rules", out: "rules", force: true, want: "is the project's folder"},
		{name: "themes", out: "themes", want: "is the project's folder"},
		{name: "inside content", out: "content/kawa", force: true, want: "is inside the project's folder"},
		{name: "new folder inside rules", out: "rules/new", want: "is inside the project's folder"},
		{name: "the project folder", out: ".", force: true, want: "is the project folder"},
		{name: "the project's parent", out: "..", force: true, want: "holds the project folder"},
		{name: "the project's parent, spelled from inside", out: "content/../..", force: true, want: "holds the project folder"},
		{name: "a stranger file", setup: func(t *testing.T, _, out string) {
			mustWrite(t, filepath.Join(out, "notes.txt"), "keep me")
		}, want: "is not empty (it holds notes.txt)"},
		{name: "a stranger folder", setup: func(t *testing.T, _, out string) {
			mustWrite(t, filepath.Join(out, "ja", "index.html"), "a hand-made page")
		}, want: "is not the output of a Tebiki build"},
		{name: "a file", setup: func(t *testing.T, _, out string) {
			mustWrite(t, out, "a file")
		}, force: true, want: "is a file, not a folder"},
		{name: "a link to content", setup: func(t *testing.T, project, out string) {
			if err := os.Symlink(filepath.Join(project, "content"), out); err != nil {
				t.Skip(err)
			}
		}, force: true, want: "is the project's folder"},
		{name: "a link to a folder", setup: func(t *testing.T, _, out string) {
			target := filepath.Join(filepath.Dir(out), "elsewhere")
			mustWrite(t, filepath.Join(target, site.ManifestName), oldRecord)
			if err := os.Symlink(target, out); err != nil {
				t.Skip(err)
			}
		}, want: "is a symbolic link"},
		{name: "inside a link to rules", setup: func(t *testing.T, project, out string) {
			if err := os.Symlink(filepath.Join(project, "rules"), filepath.Dir(out)); err != nil {
				t.Skip(err)
			}
		}, force: true, want: "is inside the project's folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			project := diskProject(t)
			top := filepath.Dir(project)
			out := filepath.Join(top, "out", "public")
			if tt.out != "" {
				out = filepath.Join(project, filepath.FromSlash(tt.out))
			} else if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				t.Fatal(err)
			}
			if tt.name == "inside a link to rules" {
				os.Remove(filepath.Dir(out))
			}
			if tt.setup != nil {
				tt.setup(t, project, out)
			}
			before := snapshot(t, top)
			_, err := site.Build(site.Options{Src: os.DirFS(project), SrcDir: project, Out: out, Theme: "t", Force: tt.force})
			var refused *site.RefusedError
			if !errors.As(err, &refused) {
				t.Fatalf("Build(-out %s) = %v; want a refusal", out, err)
			}
			msg := refused.Err.Error()
			if !strings.Contains(msg, tt.want) || !strings.HasPrefix(msg, "--out: the output") {
				t.Errorf("message %q; want it to say %q", msg, tt.want)
			}
			if ja := refused.Err.StringIn("ja"); !hasKana(ja) || strings.Contains(ja, "the output") {
				t.Errorf("no Japanese message: %q", ja)
			}
			compareSnapshots(t, before, snapshot(t, top))
		})
	}
}

func TestOutputReplaced(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, out string)
		force bool
		kept  string // a file that must survive, outside the output
	}{
		{name: "absent"},
		{name: "empty", setup: func(t *testing.T, out string) {
			if err := os.MkdirAll(out, 0o755); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "previous build", setup: func(t *testing.T, out string) {
			mustWrite(t, filepath.Join(out, site.ManifestName), oldRecordOf("ja/old.html"))
			mustWrite(t, filepath.Join(out, "ja", "old.html"), "an old page")
		}},
		{name: "stranger files, forced", force: true, setup: func(t *testing.T, out string) {
			mustWrite(t, filepath.Join(out, "notes.txt"), "delete me")
		}},
		{name: "inside the project, outside its sources", setup: func(t *testing.T, out string) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			project := diskProject(t)
			out := filepath.Join(filepath.Dir(project), "public")
			if strings.HasPrefix(tt.name, "inside the project") {
				out = filepath.Join(project, "public")
			}
			if tt.setup != nil {
				tt.setup(t, out)
			}
			sources := snapshot(t, project)
			if _, err := site.Build(site.Options{Src: os.DirFS(project), SrcDir: project, Out: out, Theme: "t", Force: tt.force}); err != nil {
				t.Fatal(err)
			}
			got := readTree(t, out)
			if _, ok := got["index.html"]; !ok || len(got) < 10 {
				t.Errorf("the output holds %d files, without index.html", len(got))
			}
			for _, gone := range []string{"notes.txt", "ja/old.html"} {
				if _, ok := got[gone]; ok {
					t.Errorf("%s survived the build", gone)
				}
			}
			after := snapshot(t, project)
			for p := range after {
				if p == "public" || strings.HasPrefix(p, "public"+string(filepath.Separator)) {
					delete(after, p)
				}
			}
			compareSnapshots(t, sources, after)
		})
	}
}

func mustWrite(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func compareSnapshots(t *testing.T, before, after map[string]string) {
	t.Helper()
	for p, v := range before {
		if w, ok := after[p]; !ok {
			t.Errorf("%s is gone", p)
		} else if w != v {
			t.Errorf("%s changed", p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s appeared", p)
		}
	}
}

func hasKana(s string) bool {
	for _, r := range s {
		if r >= 0x3040 && r <= 0x30ff {
			return true
		}
	}
	return false
}
