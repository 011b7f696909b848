// Command gen regenerates the checker embedded in Tebiki
// (generator/internal/wasmbuild/embedded/): it compiles wasm/ with fixed
// flags, takes wasm_exec.js from the same toolchain, and writes both
// gzipped, with a manifest of the Go version and the sources' hash. Run it
// as
//
//	go generate ./generator/internal/wasmbuild
//
// The same sources and Go version give the same bytes.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/wasmbuild"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
}

func run() error {
	// go generate runs in the package folder; the module root is above.
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	dir := filepath.Join(root, "generator", "internal", "wasmbuild", "embedded")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	src, err := wasmbuild.SourceHash(root)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "tebiki-gen-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "checker.wasm")
	if err := wasmbuild.Compile(root, out); err != nil {
		return err
	}
	wasm, err := os.ReadFile(out)
	if err != nil {
		return err
	}
	execJS, err := wasmbuild.ExecJS()
	if err != nil {
		return err
	}
	gover, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		return fmt.Errorf("go env GOVERSION: %v", err)
	}
	m := wasmbuild.Manifest{
		Go:      strings.TrimSpace(string(gover)),
		Sources: src,
		Wasm:    sha(wasm),
		ExecJS:  sha(execJS),
		Flags:   strings.Join(wasmbuild.BuildFlags, " "),
		Command: wasmbuild.RegenerateCommand,
	}
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	for name, b := range map[string][]byte{
		"checker.wasm.gz": wasmbuild.Gzip(wasm),
		"wasm_exec.js.gz": wasmbuild.Gzip(execJS),
		"manifest.json":   append(mj, '\n'),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("gen: wrote the checker (%d bytes, %s, %s) into %s\n", len(wasm), m.Go, m.Wasm[:16], dir)
	return nil
}

func moduleRoot() (string, error) {
	b, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %v", err)
	}
	mod := strings.TrimSpace(string(b))
	if mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("not inside the Tebiki module")
	}
	return filepath.Dir(mod), nil
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
