package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// What a build may replace. A full build swaps a new folder in place of the
// output folder, deleting what it held; so before anything is written the
// output folder must be absent, empty, or a previous Tebiki output (it holds
// the build record, ManifestName). Anything else is refused unless
// Options.Force is set. An output folder that is, lies inside, or holds the
// project's sources (the project folder itself, content/, rules/, themes/,
// and the checker's wasm/ and generator/) is refused even with Force.

// RefusedError is returned by Build when the output folder may not be
// replaced. Nothing was written.
type RefusedError struct{ Err *diag.Error }

func (e *RefusedError) Error() string { return e.Err.Error() }
func (e *RefusedError) Unwrap() error { return e.Err }

const outFlag = "--out"

func refuse(hint, msg string, args ...any) error {
	errs := &diag.List{}
	errs.AddHint(diag.Pos{File: outFlag}, hint, msg, args...)
	return &RefusedError{Err: errs.Err().(*diag.Error)}
}

const sourcesHint = "build into a folder of its own outside content/, rules/ and themes/, such as public; -force does not change this"

// checkOutput tells whether a build may replace opts.Out; it changes nothing.
func checkOutput(opts *Options) error {
	if err := startCheckOutput(opts); err != nil {
		return err
	}
	return opts.scan.refusal(opts)
}

// startCheckOutput does what checkOutput does, but leaves the check of a
// previous output's files against its record (opts.scan) running: the
// caller then calls opts.scan.refusal before it changes anything, and
// distrusts the output if opts.scan.differs says so. Checking a national
// output takes the status of 113,000 files and folders, which an edit's
// build does while it loads and renders the city.
func startCheckOutput(opts *Options) error {
	out := opts.Out
	if err := checkSources(opts); err != nil {
		return err
	}
	st, err := os.Lstat(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return refuse("check the folder's permissions; nothing was changed", "cannot read the output folder %s: %v", out, err)
	case st.Mode()&fs.ModeSymlink != 0:
		target, _ := filepath.EvalSymlinks(out)
		return refuse("give the folder it points to as -out, or remove the link; nothing was changed", "the output folder %s is a symbolic link (to %s)", out, target)
	case !st.IsDir():
		return refuse("choose a folder for the site; nothing was changed", "the output %s is a file, not a folder", out)
	}
	if rec, err := os.Lstat(filepath.Join(out, ManifestName)); err == nil && rec.Mode().IsRegular() {
		// A previous build's output: its files may be replaced, but not a
		// file someone added beside them (a .htaccess, a page of their own).
		// A record that cannot be read lists nothing to compare with: the
		// build is then full.
		if m, err := readManifestLazy(out); err == nil {
			opts.scan = startScan(out, m)
		}
		return nil
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return refuse("check the folder's permissions; nothing was changed", "cannot read the output folder %s: %v", out, err)
	}
	if len(entries) == 0 || opts.Force {
		return nil
	}
	return refuse("a build replaces the whole output folder: choose a new or empty folder, or add -force to delete what it holds", "the output folder %s is not empty (it holds %s) and is not the output of a Tebiki build (it has no %s)", out, entries[0].Name(), ManifestName)
}

// checkSources refuses an output folder that is, lies inside, or holds the
// project's sources.
func checkSources(opts *Options) error {
	type src struct {
		dir  string // as the user would name it
		root bool   // the project folder: building inside it is fine
	}
	var srcs []src
	if opts.SrcDir != "" {
		srcs = append(srcs, src{opts.SrcDir, true})
		for _, sub := range []string{"content", "rules", "themes", "wasm", "generator", ".git"} {
			srcs = append(srcs, src{filepath.Join(opts.SrcDir, sub), false})
		}
	}
	if opts.Checker != "" {
		srcs = append(srcs, src{opts.Checker, true})
		for _, sub := range []string{"wasm", "generator"} {
			srcs = append(srcs, src{filepath.Join(opts.Checker, sub), false})
		}
	}
	out := realPath(opts.Out)
	for _, s := range srcs {
		st, err := os.Stat(s.dir)
		if err != nil || !st.IsDir() {
			continue
		}
		real := realPath(s.dir)
		switch {
		case s.root && sameDir(out, real):
			return refuse(sourcesHint, "the output folder %s is the project folder: a build would delete its sources", opts.Out)
		case sameDir(out, real):
			return refuse(sourcesHint, "the output folder %s is the project's folder %s: a build would delete it", opts.Out, s.dir)
		case s.root && within(real, out):
			return refuse(sourcesHint, "the output folder %s holds the project folder %s: a build would delete its sources", opts.Out, real)
		case within(real, out):
			return refuse(sourcesHint, "the output folder %s holds the project's folder %s: a build would delete it", opts.Out, s.dir)
		case !s.root && within(out, real):
			return refuse(sourcesHint, "the output folder %s is inside the project's folder %s: a build would write into the sources", opts.Out, s.dir)
		}
	}
	return nil
}

// realPath returns p absolute, with the symbolic links of the part that
// exists resolved.
func realPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	rest := ""
	for dir := abs; ; {
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return abs
		}
		rest = filepath.Join(filepath.Base(dir), rest)
		dir = parent
	}
}

// within reports whether the folder a is b or lies inside it: b is a or one
// of a's parents (compared as files, so that different spellings of one
// folder match).
func within(a, b string) bool {
	bst, err := os.Stat(b)
	if err != nil {
		return a == b || strings.HasPrefix(a, b+string(filepath.Separator))
	}
	for dir := a; ; {
		if st, err := os.Stat(dir); err == nil && os.SameFile(st, bst) {
			return true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return false
		}
		dir = parent
	}
}

// sameDir reports whether a and b name the same existing folder, or the same path.
func sameDir(a, b string) bool {
	ast, err1 := os.Stat(a)
	bst, err2 := os.Stat(b)
	if err1 != nil || err2 != nil {
		return a == b
	}
	return os.SameFile(ast, bst)
}
