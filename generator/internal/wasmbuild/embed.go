package wasmbuild

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"sync"
)

// The checker carried inside Tebiki, so that building a site needs no Go
// toolchain: compressed, with a manifest of what it was generated from.
// Regenerate all three, after a change to wasm/ or to the Go version, with
//
//	go generate ./generator/internal/wasmbuild
//
// (go generate ./... does the same). TestEmbeddedIsCurrent fails until then.
//
//go:generate go run ./gen
var (
	//go:embed embedded/checker.wasm.gz
	embeddedWasm []byte
	//go:embed embedded/wasm_exec.js.gz
	embeddedExecJS []byte
	//go:embed embedded/manifest.json
	embeddedManifest []byte
)

// RegenerateCommand is the one command that regenerates the embedded checker.
const RegenerateCommand = "go generate ./generator/internal/wasmbuild"

// Manifest records what the embedded checker was generated from.
type Manifest struct {
	Go      string `json:"go"`      // go version of the toolchain that compiled it
	Sources string `json:"sources"` // SourceHash of the module at generation time
	Wasm    string `json:"wasm"`    // sha256 of the uncompressed binary
	ExecJS  string `json:"execjs"`  // sha256 of the uncompressed wasm_exec.js
	Flags   string `json:"flags"`   // the go build flags
	Command string `json:"command"` // how to regenerate it
}

// EmbeddedManifest describes the embedded checker.
func EmbeddedManifest() (Manifest, error) {
	var m Manifest
	if err := json.Unmarshal(embeddedManifest, &m); err != nil {
		return m, fmt.Errorf("embedded checker manifest: %v", err)
	}
	return m, nil
}

var embedded struct {
	once sync.Once
	out  *Output
	err  error
}

// Embedded returns the checker carried inside Tebiki. Its Key is the
// binary's sha256, shortened.
func Embedded() (*Output, error) {
	embedded.once.Do(func() {
		embedded.out, embedded.err = loadEmbedded()
	})
	if embedded.err != nil {
		return nil, embedded.err
	}
	o := *embedded.out
	return &o, nil
}

func loadEmbedded() (*Output, error) {
	m, err := EmbeddedManifest()
	if err != nil {
		return nil, err
	}
	w, err := gunzip(embeddedWasm)
	if err != nil {
		return nil, fmt.Errorf("embedded checker: %v", err)
	}
	e, err := gunzip(embeddedExecJS)
	if err != nil {
		return nil, fmt.Errorf("embedded wasm_exec.js: %v", err)
	}
	// gzip's checksum guards the bytes; TestEmbeddedLoads checks that they
	// are the ones the manifest names.
	return &Output{Wasm: w, ExecJS: e, Key: m.Wasm[:16]}, nil
}

func gunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// Gzip compresses b deterministically (no name, no time in the header).
func Gzip(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}
