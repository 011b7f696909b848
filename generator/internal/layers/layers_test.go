package layers

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/tebiki/tebiki/"

// root returns the repository root (the folder of go.mod).
func root(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}

// golist runs go list in the repository with the extra environment env and
// returns, for each package, the list the template gives (space-separated
// after the import path).
func golist(t *testing.T, env []string, format string, pkgs ...string) map[string][]string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list", "-f", "{{.ImportPath}} " + format}, pkgs...)...)
	cmd.Dir = root(t)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	m := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) > 0 {
			m[strings.TrimPrefix(f[0], module)] = f[1:]
		}
	}
	return m
}

// ours returns the packages of this module in list, without the module prefix.
func ours(list []string) []string {
	var out []string
	for _, p := range list {
		if strings.HasPrefix(p, module) {
			out = append(out, strings.TrimPrefix(p, module))
		}
	}
	return out
}

func TestCoreImports(t *testing.T) {
	// Frozen on purpose: adding an import to the core grows what every
	// resident downloads, and may make it impure. Change this list only
	// with a reason in the commit.
	want := []string{"strconv", "unicode/utf8"}
	imports := golist(t, []string{"GOOS=js", "GOARCH=wasm"}, `{{join .Imports " "}}`, "./wasm/decide")["wasm/decide"]
	if !slices.Equal(imports, want) {
		t.Errorf("wasm/decide imports %q; it may import only %q (no os, time, fmt, reflect, encoding/json, syscall/js, nothing of the generator)", imports, want)
	}
	deps := golist(t, []string{"GOOS=js", "GOARCH=wasm"}, `{{join .Deps " "}}`, "./wasm")["wasm"]
	if got := ours(deps); !slices.Equal(got, []string{"wasm/decide"}) {
		t.Errorf("the WebAssembly shell depends on %q of Tebiki's packages; it may depend only on wasm/decide", got)
	}
	for _, d := range deps {
		if strings.Contains(d, "kagome") || d == "os" || d == "encoding/json" || d == "reflect" {
			t.Errorf("the WebAssembly checker depends on %s", d)
		}
	}
}

func TestLayers(t *testing.T) {
	deps := golist(t, nil, `{{join .Deps " "}}`, "./generator/...", "./wasm/decide")
	// forbidden[p] lists what package p must not depend on, directly or not.
	// A name ending in / stands for every package under it.
	above := []string{"generator/cmd/", "generator/internal/site", "generator/internal/serve", "generator/internal/diff",
		"generator/internal/scaffold", "generator/internal/bench", "generator/internal/browser", "generator/internal/e2e"}
	loaders := []string{"generator/internal/rules", "generator/internal/content", "generator/internal/theme"}
	forbidden := map[string][]string{
		"wasm/decide":                        {"generator/"},
		"generator/internal/diag":            {"generator/", "wasm/"},
		"generator/internal/par":             {"generator/", "wasm/"},
		"generator/internal/flock":           {"generator/", "wasm/"},
		"generator/internal/jpcal":           {"generator/"},
		"generator/internal/jatext":          {"generator/", "wasm/"},
		"generator/internal/kagomedict":      {"generator/", "wasm/"},
		"generator/internal/gotemplate/text": append(above, append(loaders, "wasm/", "generator/internal/jatext", "generator/internal/yamlx")...),
		"generator/internal/gotemplate/html": append(above, append(loaders, "wasm/", "generator/internal/jatext", "generator/internal/yamlx")...),
		"generator/internal/stray":           append(above, loaders...),
		"generator/internal/todo":            append(above, loaders...),
		"generator/internal/yamlx":           append(above, loaders...),
		"generator/internal/config":          append(above, loaders...),
		"generator/internal/rules":           append(above, "generator/internal/content", "generator/internal/theme"),
		"generator/internal/content":         append(above, "generator/internal/rules", "generator/internal/theme"),
		"generator/internal/theme":           append(above, "generator/internal/rules", "generator/internal/content"),
		"generator/internal/graph":           append(above, loaders...),
		"generator/internal/schema":          append(above, "generator/internal/content", "generator/internal/theme"),
		"generator/internal/wasmbuild":       append(above, append(loaders, "wasm/")...),
		"generator/internal/site":            above[2:],
		"generator/internal/serve":           {"generator/cmd/", "generator/internal/bench", "generator/internal/browser", "generator/internal/e2e"},
		"generator/internal/diff":            {"generator/cmd/", "generator/internal/bench", "generator/internal/browser", "generator/internal/e2e"},
		"generator/internal/scaffold":        {"generator/cmd/", "generator/internal/bench", "generator/internal/browser", "generator/internal/e2e"},
		// The product binary holds the product only.
		"generator/cmd/tebiki": {"generator/internal/bench", "generator/internal/browser", "generator/internal/e2e",
			"github.com/andybalholm/brotli", "github.com/chromedp/"},
	}
	// allowed[p] lists what p may depend on all the same.
	allowed := map[string][]string{
		"generator/internal/jatext": {"generator/internal/kagomedict"},
	}
	for p, bad := range forbidden {
		list, ok := deps[p]
		if !ok {
			t.Errorf("no package %s: update the rules of this test to the new layout", p)
			continue
		}
		for _, d := range list {
			d = strings.TrimPrefix(d, module)
			if slices.Contains(allowed[p], d) {
				continue
			}
			for _, b := range bad {
				if d == b || (strings.HasSuffix(b, "/") && strings.HasPrefix(d, b)) {
					t.Errorf("%s depends on %s, which it must not (see the package doc of layers)", p, d)
				}
			}
		}
	}
}

// TestFileLength also reads every Go file the other tests judge, so that go
// test's cache reruns this package when one of them changes.
func TestFileLength(t *testing.T) {
	const most = 600
	r := root(t)
	for _, top := range []string{"generator", "wasm"} {
		err := filepath.WalkDir(filepath.Join(r, top), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "testdata" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			// The standard library's templates, copied: kept as close to
			// Go's files as possible, so that its fixes can be applied.
			if d.IsDir() && filepath.ToSlash(p) == filepath.ToSlash(filepath.Join(r, "generator/internal/gotemplate")) {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if bytes.Contains(b, []byte("\n// Code generated ")) || bytes.HasPrefix(b, []byte("// Code generated ")) {
				return nil
			}
			if n := bytes.Count(b, []byte("\n")); n > most {
				rel, _ := filepath.Rel(r, p)
				t.Errorf("%s has %d lines; split it along its seams (at most %d, tests and generated code aside)", filepath.ToSlash(rel), n, most)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
