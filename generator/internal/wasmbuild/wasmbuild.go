// Package wasmbuild provides the interactive checker: the decision core's
// browser shell (wasm/) compiled to WebAssembly, and its loader
// (wasm_exec.js) from the Go toolchain.
//
// Tebiki carries a prebuilt copy (Embedded, see embed.go), so a site build
// needs no Go toolchain. Build compiles the sources instead, for development.
//
// Compiling takes seconds, so the binary is cached in the user's cache folder
// under a key made of the Go version and every source file that goes into it:
// an unchanged core is never recompiled, and rules, content or theme changes
// never touch it (rules are data the page hands to the core).
//
// It reads the sources of wasm/ but imports none of them: the checker is a
// separate program. Of Tebiki's packages it imports only flock.
package wasmbuild

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime"
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
	if err := Compile(root, tmp); err != nil {
		os.Remove(tmp)
		return nil, err
	}
	execJS, err := ExecJS()
	if err != nil {
		os.Remove(tmp)
		return nil, err
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
	src, err := SourceHash(root)
	if err != nil {
		return "", err
	}
	h := sha256.Sum256([]byte(runtime.Version() + "\n" + src))
	return hex.EncodeToString(h[:])[:16], nil
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
