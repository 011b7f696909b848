package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// treeOf lists every file under root with its contents.
func treeOf(t *testing.T, root string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		m[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func sameTree(t *testing.T, before, after map[string]string) {
	t.Helper()
	for p, v := range before {
		if w, ok := after[p]; !ok || w != v {
			t.Errorf("%s was deleted or changed", p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s appeared", p)
		}
	}
}

// build -out refuses, with exit 2 and nothing touched, a folder that is or
// holds the sources (even with -force) or a folder of other files (unless
// -force); it replaces an empty folder or a previous build's output.
func TestBuildOutRefused(t *testing.T) {
	tests := []struct {
		name string
		out  string // relative to the project folder
		args []string
		prep func(t *testing.T, out string)
		want string
	}{
		{name: "content", out: "content", want: "--out: the output folder " + filepath.Join("PROJECT", "content") + " is the project's folder"},
		{name: "content with -force", out: "content", args: []string{"-force"}, want: "is the project's folder"},
		{name: "the project folder", out: ".", args: []string{"-force"}, want: "is the project folder"},
		{name: "the project's parent", out: "..", args: []string{"-force"}, want: "holds the project folder"},
		{name: "a folder with a stranger file", out: "../elsewhere", prep: func(t *testing.T, out string) {
			os.MkdirAll(out, 0o755)
			os.WriteFile(filepath.Join(out, "budget.xlsx"), []byte("not Tebiki's"), 0o644)
		}, want: "is not empty (it holds budget.xlsx) and is not the output of a Tebiki build"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := copyProject(t)
			out := filepath.Join(root, tt.out)
			if tt.prep != nil {
				tt.prep(t, out)
			}
			top := filepath.Dir(root)
			before := treeOf(t, top)
			for _, lang := range []string{"C", "ja_JP.UTF-8"} {
				t.Setenv("LANG", lang)
				t.Setenv("LC_ALL", "")
				t.Setenv("LC_MESSAGES", "")
				args := append([]string{"build", "-src", root, "-out", out, "-checker=false"}, tt.args...)
				code, stdout, stderr := runCmd(args...)
				if code != 2 {
					t.Errorf("%s: exit %d, want 2; stdout %q stderr %q", lang, code, stdout, stderr)
				}
				want := strings.ReplaceAll(tt.want, "PROJECT", root)
				if lang == "C" && !strings.Contains(stderr, want) {
					t.Errorf("stderr %q; want %q", stderr, want)
				}
				if lang != "C" && (!strings.Contains(stderr, "出力先のフォルダ") || strings.Contains(stderr, "the output")) {
					t.Errorf("ja: stderr %q is not Japanese", stderr)
				}
			}
			sameTree(t, before, treeOf(t, top))
		})
	}
}

func TestBuildOutReplaced(t *testing.T) {
	for _, tt := range []struct {
		name  string
		prep  func(t *testing.T, out string)
		force bool
	}{
		{name: "a previous build", prep: func(t *testing.T, out string) {
			os.MkdirAll(out, 0o755)
			os.WriteFile(filepath.Join(out, site.ManifestName), []byte(oldRecordOf("old.html")), 0o644)
			os.WriteFile(filepath.Join(out, "old.html"), []byte("old"), 0o644)
		}},
		{name: "an empty folder", prep: func(t *testing.T, out string) { os.MkdirAll(out, 0o755) }},
		{name: "stranger files with -force", force: true, prep: func(t *testing.T, out string) {
			os.MkdirAll(out, 0o755)
			os.WriteFile(filepath.Join(out, "old.html"), []byte("old"), 0o644)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := copyProject(t)
			out := filepath.Join(t.TempDir(), "public")
			tt.prep(t, out)
			args := []string{"build", "-src", root, "-out", out, "-checker=false"}
			if tt.force {
				args = append(args, "-force")
			}
			code, _, stderr := runCmd(args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			got := treeOf(t, out)
			if _, ok := got["old.html"]; ok {
				t.Error("old.html survived")
			}
			if _, ok := got[site.ManifestName]; !ok {
				t.Error("no build record")
			}
			if _, ok := got["ja/index.html"]; !ok {
				t.Error("no ja/index.html")
			}
		})
	}
}

// tebiki build removes the staging folders a killed build left beside the
// output (named .public.new-* and holding Tebiki's marker), and nothing else.
func TestBuildRemovesOwnLeftovers(t *testing.T) {
	root := copyProject(t)
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	mk := func(name string, files map[string]string) {
		for f, data := range files {
			p := filepath.Join(parent, name, f)
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	mk(".public.new-123", map[string]string{".tebiki-staging": "", "ja/index.html": "half"})
	mk(".public.new-456.old", map[string]string{".tebiki-staging": "", "index.html": "old"})
	mk(".public.new-789", map[string]string{"mine.txt": "no marker: not Tebiki's"})
	mk(".drafts.new-1", map[string]string{".tebiki-staging": "", "x.html": "another output's"})
	if code, _, stderr := runCmd("build", "-src", root, "-out", out, "-checker=false"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	entries, _ := os.ReadDir(parent)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != ".drafts.new-1 .public.new-789 public" {
		t.Errorf("beside the output: %s; want .drafts.new-1 .public.new-789 public", got)
	}
}
