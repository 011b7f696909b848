// Package wasmbuild compiles the decision core's browser shell (wasm/) to
// WebAssembly for the interactive checker, and fetches the matching loader
// (wasm_exec.js) from the Go toolchain.
//
// Compiling takes seconds, so the binary is cached in the user's cache folder
// under a key made of the Go version and every source file that goes into it:
// an unchanged core is never recompiled, and rules, content or theme changes
// never touch it (rules are data the page hands to the core).
package wasmbuild

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/tebiki/tebiki/generator/internal/flock"
)

// Output is the checker's runtime.
type Output struct {
	Wasm     []byte // the compiled core
	ExecJS   []byte // the Go toolchain's wasm_exec.js
	Key      string // cache key
	Compiled bool   // false when taken from the cache
}

// Available reports whether root holds the checker's sources.
func Available(root string) bool {
	_, err := os.Stat(filepath.Join(root, "wasm", "main_js.go"))
	return err == nil
}

// Build returns the checker for the module at root, compiling only when the
// sources changed since the cached build.
func Build(root string) (*Output, error) {
	key, err := sourceKey(root)
	if err != nil {
		return nil, err
	}
	dir, err := cacheDir()
	if err != nil {
		return nil, err
	}
	out := &Output{Key: key}
	wasmPath := filepath.Join(dir, "checker-"+key+".wasm")
	execPath := filepath.Join(dir, "wasm_exec-"+key+".js")
	if out.read(wasmPath, execPath) {
		return out, nil
	}
	// One compile at a time, across goroutines and processes (parallel test
	// binaries, a preview server): concurrent go builds of one main package
	// trip over each other, and the second one finds the binary cached.
	mu.Lock()
	defer mu.Unlock()
	unlock, err := flock.File(filepath.Join(dir, "build.lock"))
	if err != nil {
		return nil, err
	}
	defer unlock()
	if out.read(wasmPath, execPath) {
		return out, nil
	}
	tmpf, err := os.CreateTemp(dir, "checker-*.wasm.tmp")
	if err != nil {
		return nil, err
	}
	tmp := tmpf.Name()
	tmpf.Close()
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", tmp, "./wasm")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		os.Remove(tmp)
		return nil, fmt.Errorf("compiling the checker (GOOS=js GOARCH=wasm go build ./wasm): %v\n%s", err, stderr.String())
	}
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
	if err := writeAtomic(execPath, execJS); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, wasmPath); err != nil {
		return nil, err
	}
	out.Wasm, _ = os.ReadFile(wasmPath)
	out.ExecJS = execJS
	out.Compiled = true
	return out, nil
}

func cacheDir() (string, error) {
	base := os.Getenv("TEBIKI_CACHE")
	if base == "" {
		uc, err := os.UserCacheDir()
		if err != nil {
			uc = os.TempDir()
		}
		base = filepath.Join(uc, "tebiki")
	}
	return base, os.MkdirAll(base, 0o755)
}

// sourceKey hashes the Go version and every file the binary is built from.
func sourceKey(root string) (string, error) {
	h := sha256.New()
	fmt.Fprintln(h, runtime.Version())
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
	files = append(files, filepath.Join(root, "go.mod"), filepath.Join(root, "go.sum"))
	sort.Strings(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		rel, _ := filepath.Rel(root, f)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

var mu sync.Mutex

// read takes the binary and loader from the cache, if both are there.
func (o *Output) read(wasmPath, execPath string) bool {
	w, err1 := os.ReadFile(wasmPath)
	e, err2 := os.ReadFile(execPath)
	if err1 != nil || err2 != nil {
		return false
	}
	o.Wasm, o.ExecJS = w, e
	return true
}

func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), path)
}
