package site_test

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// deepFile returns the deepest file of a built output (a city's page in a
// folder of its own), as a slash path.
func deepFile(t *testing.T, files map[string][]byte) string {
	var paths []string
	for p := range files {
		paths = append(paths, p)
	}
	sort.Slice(paths, func(i, j int) bool {
		di, dj := strings.Count(paths[i], "/"), strings.Count(paths[j], "/")
		return di > dj || di == dj && paths[i] < paths[j]
	})
	if len(paths) == 0 || strings.Count(paths[0], "/") < 2 {
		t.Fatalf("no file two folders deep in the output: %v", paths)
	}
	return paths[0]
}

// The output is checked file by file at every depth: a page edited by hand
// (same size, or its time put back), a file or a folder added, a link
// added, anywhere in the output, is seen as before. An edited file makes
// the build full; an added one is refused, by name.
func TestOutputCheckedAtEveryDepth(t *testing.T) {
	type tamper func(t *testing.T, out, deep string) (added string)
	cases := map[string]tamper{
		"same-size edit": func(t *testing.T, out, deep string) string {
			p := filepath.Join(out, filepath.FromSlash(deep))
			b, _ := os.ReadFile(p)
			b[len(b)-2] ^= 1
			time.Sleep(10 * time.Millisecond)
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			return ""
		},
		"edit, time put back": func(t *testing.T, out, deep string) string {
			p := filepath.Join(out, filepath.FromSlash(deep))
			st, _ := os.Stat(p)
			if err := os.WriteFile(p, []byte("edited"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(p, st.ModTime(), st.ModTime()); err != nil {
				t.Fatal(err)
			}
			return ""
		},
		"file added": func(t *testing.T, out, deep string) string {
			p := filepath.Join(out, filepath.FromSlash(deep)+".bak")
			if err := os.WriteFile(p, []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			return deep + ".bak"
		},
		"folder added": func(t *testing.T, out, deep string) string {
			dir := filepath.Join(out, filepath.FromSlash(deep)+".d", "sub")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "x.html"), []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			return deep + ".d/sub/x.html"
		},
		"link added": func(t *testing.T, out, deep string) string {
			if err := os.Symlink("/etc/hostname", filepath.Join(out, filepath.FromSlash(deep)+".lnk")); err != nil {
				t.Skip(err)
			}
			return deep + ".lnk"
		},
	}
	for name, tamper := range cases {
		t.Run(name, func(t *testing.T) {
			base := incBase(t)
			out := filepath.Join(t.TempDir(), "public")
			if _, err := site.Build(incOptions(base, out)); err != nil {
				t.Fatal(err)
			}
			want := readTree(t, out)
			deep := deepFile(t, want)
			added := tamper(t, out, deep)
			res, err := site.Build(incOptions(base, out))
			if added != "" {
				var refused *site.RefusedError
				if !errors.As(err, &refused) || !strings.Contains(err.Error(), "holds "+added+", which the last build did not write") {
					t.Fatalf("%s: build gave %v, %v; want it refused, naming %s", name, res, err, added)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Unchanged || res.Incremental {
				t.Errorf("%s %s: the build trusted the output (%+v); want a full one", name, deep, res)
			}
			compareTrees(t, "output after the build", want, readTree(t, out))
		})
	}
}
