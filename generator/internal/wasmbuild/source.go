package wasmbuild

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// SourceHash hashes what the checker binary is compiled from, apart from
// the Go toolchain: every Go file under root/wasm (tests excepted) and the
// parts of go.mod and go.sum that reach it (the module path, the go,
// toolchain and godebug lines, and the requirements of modules that wasm/
// imports). A dependency added for the generator alone leaves it unchanged.
func SourceHash(root string) (string, error) {
	h := sha256.New()
	var files []string
	err := filepath.WalkDir(filepath.Join(root, "wasm"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	imports := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		rel, _ := filepath.Rel(root, f)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(b))
		h.Write(b)
		af, err := parser.ParseFile(token.NewFileSet(), f, b, parser.ImportsOnly)
		if err != nil {
			return "", err
		}
		for _, im := range af.Imports {
			if p, err := strconv.Unquote(im.Path.Value); err == nil {
				imports[p] = true
			}
		}
	}
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", err
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil && !os.IsNotExist(err) {
		return "", err
	}
	h.Write([]byte("go.mod\n"))
	for _, l := range modLines(mod, sum, imports) {
		fmt.Fprintln(h, l)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// modLines picks the lines of go.mod and go.sum that matter to a package
// importing imports.
func modLines(mod, sum []byte, imports map[string]bool) []string {
	type req struct{ path, version string }
	var out []string
	var reqs []req
	modPath := ""
	block := ""
	sc := bufio.NewScanner(bytes.NewReader(mod))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if i := strings.Index(line, "//"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if f[0] == ")" {
			block = ""
			continue
		}
		if len(f) == 2 && f[1] == "(" {
			block = f[0]
			continue
		}
		verb := block
		if verb == "" {
			verb, f = f[0], f[1:]
		}
		switch verb {
		case "module":
			if len(f) > 0 {
				modPath = strings.Trim(f[0], `"`)
				out = append(out, "module "+modPath)
			}
		case "go", "toolchain", "godebug":
			out = append(out, verb+" "+strings.Join(f, " "))
		case "require":
			if len(f) >= 2 {
				reqs = append(reqs, req{f[0], f[1]})
			}
		case "replace":
			// A replaced module's sources are elsewhere; name the directive.
			out = append(out, "replace "+strings.Join(f, " "))
		}
	}
	var paths []string
	for p := range imports {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	used := map[req]bool{}
	for _, p := range paths {
		first, _, _ := strings.Cut(p, "/")
		if !strings.Contains(first, ".") || p == modPath || strings.HasPrefix(p, modPath+"/") {
			continue // the standard library or this module
		}
		best := req{}
		for _, r := range reqs {
			if (p == r.path || strings.HasPrefix(p, r.path+"/")) && len(r.path) > len(best.path) {
				best = r
			}
		}
		if best.path == "" {
			out = append(out, "unknown "+p)
		} else if !used[best] {
			used[best] = true
			out = append(out, "require "+best.path+" "+best.version)
			for _, l := range strings.Split(string(sum), "\n") {
				if strings.HasPrefix(l, best.path+" "+best.version) {
					out = append(out, l)
				}
			}
		}
	}
	return out
}

// BuildFlags are the flags of every compile of the checker, so that the
// same sources and Go version give the same bytes: no file paths, no VCS
// stamp, no build ID, no symbol table.
var BuildFlags = []string{"-trimpath", "-buildvcs=false", "-ldflags=-s -w -buildid="}

// Compile compiles root/wasm with the go command on PATH into the file out.
func Compile(root, out string) error {
	args := append([]string{"build"}, BuildFlags...)
	args = append(args, "-o", out, "./wasm")
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0", "GOFLAGS=", "GOWASM=", "GOEXPERIMENT=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("compiling the checker (GOOS=js GOARCH=wasm go build ./wasm): %v\n%s", err, stderr.String())
	}
	return nil
}

// ExecJS reads wasm_exec.js, the loader that matches the binaries of the
// go command on PATH.
func ExecJS() ([]byte, error) {
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOROOT: %v", err)
	}
	gr := strings.TrimSpace(string(goroot))
	execJS, err := os.ReadFile(filepath.Join(gr, "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		// Go before 1.24 kept it in misc/wasm.
		if execJS, err = os.ReadFile(filepath.Join(gr, "misc", "wasm", "wasm_exec.js")); err != nil {
			return nil, fmt.Errorf("the Go toolchain has no wasm_exec.js: %v", err)
		}
	}
	return execJS, nil
}
