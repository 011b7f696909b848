package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// The progress line rewrites itself in place: carriage return, text,
// spaces over the rest of a longer line; redraws are throttled except for a
// new stage or the end of one; clear leaves a blank line to write on.
func TestProgressLine(t *testing.T) {
	var w bytes.Buffer
	clock := time.Unix(0, 0)
	p := newProgressLine(&w)
	p.now = func() time.Time { return clock }
	step := func(d time.Duration, stage string, done, total int, want string) {
		t.Helper()
		clock = clock.Add(d)
		w.Reset()
		p.update(stage, done, total)
		if w.String() != want {
			t.Errorf("update(%s, %d, %d) after %s wrote %q, want %q", stage, done, total, d, w.String(), want)
		}
	}
	step(0, site.StageLoading, 0, 0, "\rtebiki: loading...")
	step(time.Millisecond, site.StageRendering, 0, 200, "\rtebiki: rendering pages 0/200 (0%)")
	step(time.Millisecond, site.StageRendering, 1, 200, "") // too soon
	step(200*time.Millisecond, site.StageRendering, 150, 200, "\rtebiki: rendering pages 150/200 (75%)")
	step(time.Millisecond, site.StageRendering, 200, 200, "\rtebiki: rendering pages 200/200 (100%)") // the end of a stage
	step(time.Millisecond, site.StageFinishing, 200, 200, "\rtebiki: finishing..."+strings.Repeat(" ", len("rendering pages 200/200 (100%)")-len("finishing...")))
	w.Reset()
	p.clear()
	if want := "\r" + strings.Repeat(" ", len([]rune("tebiki: rendering pages 200/200 (100%)"))) + "\r"; w.String() != want {
		t.Errorf("clear wrote %q, want %q", w.String(), want)
	}
	w.Reset()
	p.clear()
	if w.Len() != 0 {
		t.Errorf("a second clear wrote %q", w.String())
	}
}

// Piped or in CI (not a terminal), a build prints no progress; on a
// terminal it does, and then clears it before the summary; -quiet prints
// nothing on success.
func TestBuildProgressOnlyOnTerminal(t *testing.T) {
	src := copyProject(t)
	build := func(tty bool, extra ...string) (int, string, string) {
		t.Helper()
		old := isTerminal
		isTerminal = func(w io.Writer) bool { return tty }
		defer func() { isTerminal = old }()
		var out, errb bytes.Buffer
		args := append([]string{"build", "-src", src, "-out", filepath.Join(t.TempDir(), "public"), "-checker=false"}, extra...)
		code := run(context.Background(), args, &out, &errb)
		return code, out.String(), errb.String()
	}
	code, stdout, stderr := build(false)
	if code != 0 || stderr != "" || !strings.HasPrefix(stdout, "tebiki: built ") {
		t.Errorf("not a terminal: exit %d, stdout %q, stderr %q; want the summary and no progress", code, stdout, stderr)
	}
	code, stdout, stderr = build(true)
	if code != 0 || !strings.Contains(stderr, "\rtebiki: rendering pages ") || !strings.HasSuffix(stderr, "\r") || strings.Contains(stderr, "\n") || !strings.HasPrefix(stdout, "tebiki: built ") {
		t.Errorf("terminal: exit %d, stdout %q, stderr %q; want a progress line, cleared", code, stdout, stderr)
	}
	code, stdout, stderr = build(true, "-quiet")
	if code != 0 || stdout != "" || stderr != "" {
		t.Errorf("-quiet: exit %d, stdout %q, stderr %q; want nothing", code, stdout, stderr)
	}
}

// Only a character device counts as a terminal: not a buffer, a pipe or a file.
func TestIsTerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for name, x := range map[string]io.Writer{"buffer": &bytes.Buffer{}, "pipe": w, "file": f} {
		if isTerminal(x) {
			t.Errorf("%s taken for a terminal", name)
		}
	}
}
