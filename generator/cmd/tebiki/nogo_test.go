package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/wasmbuild"
)

// buildTebiki compiles this command into a temporary folder, as a release
// would, and returns the executable's path.
func buildTebiki(t *testing.T, ldflags string) string {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build tebiki with")
	}
	exe := filepath.Join(t.TempDir(), "tebiki")
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	args := []string{"build", "-o", exe}
	if ldflags != "" {
		args = append(args, "-ldflags="+ldflags)
	}
	cmd := exec.Command(goCmd, append(args, ".")...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return exe
}

// noGoEnv is the environment of a machine without Go: PATH holds only an
// empty folder, and no GO* variable is set.
func noGoEnv(t *testing.T) []string {
	env := []string{"PATH=" + t.TempDir(), "HOME=" + t.TempDir(), "TEBIKI_CACHE=" + t.TempDir(), "LANG=C"}
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "SYSTEMROOT=") || strings.HasPrefix(kv, "SystemRoot=") {
			env = append(env, kv) // Windows needs it for networking, not for Go
		}
	}
	return env
}

// A staff member's machine has no Go toolchain: the built tebiki still
// builds the full site, the interactive checker included (the one it carries).
func TestBuildWithoutGo(t *testing.T) {
	exe := buildTebiki(t, "")
	site := copyProject(t) // content/, rules/, themes/: no wasm/ sources
	out := filepath.Join(t.TempDir(), "public")
	cmd := exec.Command(exe, "build", "-src", site, "-out", out)
	cmd.Env = noGoEnv(t)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("tebiki build without Go: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	emb, err := wasmbuild.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	wasms, _ := filepath.Glob(filepath.Join(out, "assets", "checker-*.wasm"))
	if len(wasms) != 1 {
		t.Fatalf("the site has %d checker binaries, want 1 (stderr: %s)", len(wasms), stderr.String())
	}
	if b, _ := os.ReadFile(wasms[0]); !bytes.Equal(b, emb.Wasm) {
		t.Errorf("%s is not the embedded checker (%d bytes, want %d)", wasms[0], len(b), len(emb.Wasm))
	}
	if js, _ := filepath.Glob(filepath.Join(out, "assets", "wasm_exec-*.js")); len(js) != 1 {
		t.Errorf("the site has %d checker loaders, want 1", len(js))
	}
	page, err := os.ReadFile(filepath.Join(out, "en", "sakuragawa", "renewal", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte(filepath.Base(wasms[0]))) {
		t.Errorf("the guide page does not load %s", filepath.Base(wasms[0]))
	}

	// Compiling from sources needs Go: a clear error, not a site without it.
	cmd = exec.Command(exe, "build", "-src", filepath.Join("..", "..", ".."), "-out", out, "-checker=source")
	cmd.Env = noGoEnv(t)
	b, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 || !strings.Contains(string(b), "needs the Go toolchain") {
		t.Errorf("-checker=source without Go: %v\n%s", err, b)
	}
}
