package main

import (
	"os/exec"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/wasmbuild"
)

// Help goes to stdout with exit 0, for every command and in both forms.
func TestHelpOnStdout(t *testing.T) {
	names := commandNames()
	for _, want := range []string{"build", "check", "serve", "diff", "schema", "version", "help"} {
		if !strings.Contains(" "+strings.Join(names, " ")+" ", " "+want+" ") {
			t.Errorf("commandNames() = %q, lacks %q", names, want)
		}
	}
	for _, name := range names {
		if name == "help" {
			continue
		}
		for _, args := range [][]string{{name, "-h"}, {name, "--help"}, {"help", name}} {
			code, stdout, stderr := runCmd(args...)
			if code != 0 || stderr != "" || !strings.HasPrefix(stdout, "usage: tebiki "+name+" [flags]") {
				t.Errorf("%q: exit %d, stdout %q, stderr %q; want 0 and the usage on stdout", args, code, stdout, stderr)
			}
		}
	}
	for _, args := range [][]string{{"help"}, {"-h"}, {"help", "help"}} {
		if code, stdout, stderr := runCmd(args...); code != 0 || stderr != "" || !strings.HasPrefix(stdout, "usage: tebiki <command>") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"buidl"}, `tebiki: unknown command "buidl"; did you mean "build"?`},
		{[]string{"serv"}, `did you mean "serve"?`},
		{[]string{"verison"}, `did you mean "version"?`},
		{[]string{"help", "chek"}, `tebiki: unknown command "chek"; did you mean "check"?`},
	} {
		code, stdout, stderr := runCmd(c.args...)
		if code != 2 || stdout != "" || !strings.Contains(stderr, c.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2 and one line with %q", c.args, code, stdout, stderr, c.want)
		}
	}
	if _, _, stderr := runCmd("xyzzyplugh"); strings.Contains(stderr, "did you mean") {
		t.Errorf("a far-off name got a suggestion: %q", stderr)
	}
}

// A stray argument is an error, not ignored: "tebiki build public" does not
// build into ./public while the user thinks it builds into public/.
func TestStrayArguments(t *testing.T) {
	for _, args := range [][]string{
		{"build", "public"},
		{"build", "-checker=false", "public"},
		{"check", "rules/sanda"},
		{"serve", "-addr", "0.0.0.0:1", "8080"}, // an address serve refuses, should the check fail
		{"schema", "x"},
		{"diff", "-from", "2027-03-31", "-to", "2027-04-01", "extra"},
		{"version", "now"},
		{"help", "build", "check"},
	} {
		code, stdout, stderr := runCmd(args...)
		if code != 2 || stdout != "" || stderr == "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and an error", args, code, stdout, stderr)
		}
		if args[0] != "help" && !strings.Contains(stderr, `unexpected argument "`+args[len(args)-1]+`"`) {
			t.Errorf("%q: stderr %q does not name the stray argument", args, stderr)
		}
	}
}

func TestVersion(t *testing.T) {
	code, stdout, stderr := runCmd("version")
	m, err := wasmbuild.EmbeddedManifest()
	if err != nil {
		t.Fatal(err)
	}
	want := "^tebiki \\S.*\ngo " + regexp.QuoteMeta(runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH) +
		"\nchecker sha256:" + m.Wasm[:16] + " \\(from wasm/ sources " + m.Sources[:16] + ", compiled with " + regexp.QuoteMeta(m.Go) + "\\)\n$"
	if code != 0 || stderr != "" || !regexp.MustCompile(want).MatchString(stdout) {
		t.Errorf("version: exit %d, stdout %q, stderr %q; want %q", code, stdout, stderr, want)
	}
}

// The version stamped by the release script is the one printed.
func TestVersionStamped(t *testing.T) {
	exe := buildTebiki(t, "-X main.version=v9.8.7-test")
	out, err := exec.Command(exe, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(out), "tebiki v9.8.7-test\n") {
		t.Errorf("version: %q", out)
	}
}
