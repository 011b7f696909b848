package wasmbuild

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// The checker carried inside Tebiki must be the one its sources give: same
// wasm/ sources (and the go.mod lines that reach them), same Go version.
func TestEmbeddedIsCurrent(t *testing.T) {
	m, err := EmbeddedManifest()
	if err != nil {
		t.Fatal(err)
	}
	src, err := SourceHash(root)
	if err != nil {
		t.Fatal(err)
	}
	if src != m.Sources {
		t.Errorf("the embedded checker is out of date: wasm/ (or the go.mod lines it depends on) changed since it was generated.\nRegenerate it with:\n\n\t%s\n\nand commit generator/internal/wasmbuild/embedded/.", RegenerateCommand)
	}
	if v := runtime.Version(); v != m.Go {
		t.Errorf("the embedded checker was generated with %s, and this is %s.\nRegenerate it with:\n\n\t%s\n\nand commit generator/internal/wasmbuild/embedded/.", m.Go, v, RegenerateCommand)
	}
}

// Compiling the sources now gives exactly the embedded bytes: regeneration
// is deterministic, and the manifest did not go stale by hand.
func TestEmbeddedMatchesCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the checker")
	}
	m, err := EmbeddedManifest()
	if err != nil {
		t.Fatal(err)
	}
	if runtime.Version() != m.Go {
		t.Skipf("generated with %s, this is %s (TestEmbeddedIsCurrent reports it)", m.Go, runtime.Version())
	}
	out := filepath.Join(t.TempDir(), "checker.wasm")
	if err := Compile(root, out); err != nil {
		t.Fatal(err)
	}
	w, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	emb, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(w, emb.Wasm) {
		t.Errorf("compiling wasm/ gives %d bytes that differ from the embedded %d; regenerate with %s", len(w), len(emb.Wasm), RegenerateCommand)
	}
	js, err := ExecJS()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(js, emb.ExecJS) {
		t.Errorf("the toolchain's wasm_exec.js differs from the embedded one; regenerate with %s", RegenerateCommand)
	}
}

func TestEmbeddedLoads(t *testing.T) {
	out, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out.Wasm, []byte("\x00asm")) {
		t.Errorf("not a WebAssembly binary: % x", out.Wasm[:8])
	}
	if !bytes.Contains(out.ExecJS, []byte("class Go")) && !bytes.Contains(out.ExecJS, []byte("Go = class")) {
		t.Error("wasm_exec.js does not define the Go class")
	}
	m, _ := EmbeddedManifest()
	if out.Key != m.Wasm[:16] {
		t.Errorf("Key %q, manifest %q", out.Key, m.Wasm)
	}
	if sum := sha256.Sum256(out.Wasm); hex.EncodeToString(sum[:]) != m.Wasm {
		t.Errorf("the embedded checker is not the one its manifest names; regenerate with %s", RegenerateCommand)
	}
	if sum := sha256.Sum256(out.ExecJS); hex.EncodeToString(sum[:]) != m.ExecJS {
		t.Errorf("the embedded wasm_exec.js is not the one the manifest names; regenerate with %s", RegenerateCommand)
	}
}

// The source hash follows wasm/ and the go.mod lines that reach it, and no
// other: a dependency of the generator alone does not make the embedded
// checker stale.
func TestSourceHashFollowsWhatTheCheckerUses(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		t.Helper()
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.org/m\n\ngo 1.26.8\n\nrequire (\n\texample.org/used v1.0.0\n\texample.org/other v1.0.0\n)\n")
	write("go.sum", "example.org/used v1.0.0 h1:aaa=\nexample.org/other v1.0.0 h1:bbb=\n")
	write("wasm/main.go", "package main\n\nimport _ \"example.org/used/pkg\"\n\nfunc main() {}\n")
	hash := func() string {
		t.Helper()
		h, err := SourceHash(dir)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	h0 := hash()
	cases := []struct {
		what, file, text string
		same             bool
	}{
		{"a generator-only dependency", "go.mod", "module example.org/m\n\ngo 1.26.8\n\nrequire (\n\texample.org/used v1.0.0\n\texample.org/other v1.2.0\n\texample.org/new v0.1.0 // indirect\n)\n", true},
		{"its go.sum line", "go.sum", "example.org/used v1.0.0 h1:aaa=\nexample.org/other v1.2.0 h1:ccc=\n", true},
		{"a test file", "wasm/x_test.go", "package main\n", true},
		{"the used dependency's version", "go.mod", "module example.org/m\n\ngo 1.26.8\n\nrequire (\n\texample.org/used v1.1.0\n\texample.org/other v1.2.0\n)\n", false},
		{"the go line", "go.mod", "module example.org/m\n\ngo 1.27.0\n\nrequire (\n\texample.org/used v1.1.0\n\texample.org/other v1.2.0\n)\n", false},
		{"a source file", "wasm/extra.go", "package main\n", false},
	}
	prev := h0
	for _, c := range cases {
		write(c.file, c.text)
		h := hash()
		if (h == prev) != c.same {
			t.Errorf("changing %s: hash changed = %v, want %v", c.what, h != prev, !c.same)
		}
		prev = h
	}
}

// BenchmarkEmbeddedLoad times what a build pays once for the embedded
// checker: decompressing it and checking its hashes.
//
//	go test ./generator/internal/wasmbuild -run '^$' -bench EmbeddedLoad -benchtime 20x
func BenchmarkEmbeddedLoad(b *testing.B) {
	for range b.N {
		if _, err := loadEmbedded(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(embeddedWasm)+len(embeddedExecJS)), "embedded-bytes")
}
