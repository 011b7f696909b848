package wasmbuild

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"

	"github.com/andybalholm/brotli"
)

const root = "../../.."

func TestBuildIsCached(t *testing.T) {
	t.Setenv("TEBIKI_CACHE", t.TempDir())
	first, err := Build(root)
	if err != nil {
		t.Fatal(err)
	}
	if !first.Compiled {
		t.Error("first build in an empty cache did not compile")
	}
	if !bytes.HasPrefix(first.Wasm, []byte("\x00asm")) {
		t.Fatalf("not a WebAssembly binary: % x", first.Wasm[:8])
	}
	if !bytes.Contains(first.ExecJS, []byte("class Go")) && !bytes.Contains(first.ExecJS, []byte("Go = class")) {
		t.Error("wasm_exec.js does not define the Go class")
	}
	second, err := Build(root)
	if err != nil {
		t.Fatal(err)
	}
	if second.Compiled {
		t.Error("unchanged sources were compiled again")
	}
	if !bytes.Equal(first.Wasm, second.Wasm) || first.Key != second.Key {
		t.Error("the cached binary differs from the compiled one")
	}
}

func TestKeyFollowsSources(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"go.mod", "go.sum", "wasm/main_js.go", "wasm/decide/decide.go"} {
		b, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Join(dir, filepath.Dir(f)), 0o755)
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	k1, err := sourceKey(dir)
	if err != nil {
		t.Fatal(err)
	}
	// A test file does not go into the binary: same key.
	os.WriteFile(filepath.Join(dir, "wasm/decide/x_test.go"), []byte("package decide\n"), 0o644)
	if k2, _ := sourceKey(dir); k2 != k1 {
		t.Error("a _test.go file changed the key")
	}
	os.WriteFile(filepath.Join(dir, "wasm/decide/extra.go"), []byte("package decide\n"), 0o644)
	if k3, _ := sourceKey(dir); k3 == k1 {
		t.Error("a new source file did not change the key")
	}
}

// BenchmarkCheckerSize reports the size of the checker binary, raw and
// compressed as a server would send it, and times a cached Build (what every
// site build pays when the core is unchanged):
//
//	go test ./generator/internal/wasmbuild -run '^$' -bench CheckerSize -benchtime 10x
func BenchmarkCheckerSize(b *testing.B) {
	out, err := Build(root)
	if err != nil {
		b.Fatal(err)
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(out.Wasm)
	zw.Close()
	var br bytes.Buffer
	bw := brotli.NewWriterLevel(&br, brotli.BestCompression)
	bw.Write(out.Wasm)
	bw.Close()
	b.ResetTimer()
	for range b.N {
		if _, err := Build(root); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(out.Wasm)), "raw-bytes")
	b.ReportMetric(float64(gz.Len()), "gzip-bytes")
	b.ReportMetric(float64(br.Len()), "brotli-bytes")
}
