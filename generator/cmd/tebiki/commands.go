package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/wasmbuild"
	"github.com/tebiki/tebiki/wasm/decide"
)

// version is the release's version, stamped by the release script with
// -ldflags "-X main.version=v1.2.3"; without it, the module version or
// the VCS revision the binary was built from is shown.
var version = ""

// commandNames lists the commands of the usage text, which is where a new
// command is added: the names are read from its "commands:" lines.
func commandNames() []string {
	var names []string
	in := false
	for _, line := range strings.Split(usage, "\n") {
		switch {
		case line == "commands:":
			in = true
		case in && strings.HasPrefix(line, "  "):
			if f := strings.Fields(line); len(f) > 0 {
				names = append(names, f[0])
			}
		case in && line == "":
			in = false
		}
	}
	return names
}

// unknownCommand reports a command that does not exist, with the closest
// one as a suggestion.
func unknownCommand(name string, stderr io.Writer) int {
	lang := diag.LangFromEnv(os.Getenv)
	if s := decide.Suggest(name, commandNames()); s != "" {
		say(stderr, lang, "tebiki: unknown command %q; did you mean %q? (run \"tebiki help\" for the list)", name, s)
	} else {
		say(stderr, lang, "tebiki: unknown command %q (run \"tebiki help\" for the list)", name)
	}
	return 2
}

// cmdHelp prints the usage, or a command's flags, to stdout.
func cmdHelp(args []string, stdout, stderr io.Writer) int {
	switch len(args) {
	case 0:
		fmt.Fprint(stdout, usage)
		return 0
	case 1:
		for _, n := range commandNames() {
			if n == args[0] && n == "help" {
				fmt.Fprint(stdout, usage)
				return 0
			}
			if n == args[0] {
				var discard bytes.Buffer
				return run(context.Background(), []string{n, "-h"}, stdout, &discard)
			}
		}
		return unknownCommand(args[0], stderr)
	}
	say(stderr, diag.LangFromEnv(os.Getenv), "tebiki help: give one command, not %d arguments", len(args))
	return 2
}

// versionString is the version of this binary: the stamped one, else the
// module's (go install …@v1.2.3), else the VCS revision.
func versionString() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "(devel)"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "+modified"
	}
	return "(devel) " + rev
}

func cmdVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("version", "Prints the version of tebiki, the Go version it was built with, and the\nchecker it carries (the hash of its WebAssembly binary and of the wasm/\nsources it was compiled from).", stderr)
	lang, code, ok := parseFlags(fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if !noArgs(fs, lang, stderr) {
		return 2
	}
	fmt.Fprintf(stdout, "tebiki %s\n", versionString())
	fmt.Fprintf(stdout, "go %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	m, err := wasmbuild.EmbeddedManifest()
	if err != nil {
		fmt.Fprintf(stderr, "tebiki: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "checker sha256:%s (from wasm/ sources %s, compiled with %s)\n", m.Wasm[:16], m.Sources[:16], m.Go)
	return 0
}
