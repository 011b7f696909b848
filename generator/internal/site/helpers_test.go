package site_test

// Test helpers shared by the site tests: a small txtar reader (the format of
// golang.org/x/tools/txtar, without adding that module), an overlay file
// system, and helpers to build a site and read the result back.

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/generator/internal/wasmbuild"
)

// archiveFile is one file of a txtar archive.
type archiveFile struct {
	Name string
	Data []byte
}

// parseTxtar parses the txtar format: an optional comment, then files, each
// introduced by a line "-- NAME --". A file's data is every line up to the
// next marker, each with its newline.
func parseTxtar(data []byte) (comment []byte, files []archiveFile) {
	var cur *archiveFile
	var buf bytes.Buffer
	flush := func() {
		if cur == nil {
			comment = slices.Clone(buf.Bytes())
		} else {
			cur.Data = slices.Clone(buf.Bytes())
			files = append(files, *cur)
		}
		buf.Reset()
	}
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i+1], data[i+1:]
		} else {
			data = nil
		}
		trimmed := strings.TrimRight(string(line), "\r\n")
		if name, ok := strings.CutPrefix(trimmed, "-- "); ok {
			if name, ok := strings.CutSuffix(name, " --"); ok && strings.TrimSpace(name) != "" {
				flush()
				cur = &archiveFile{Name: strings.TrimSpace(name)}
				continue
			}
		}
		buf.Write(line)
	}
	flush()
	return comment, files
}

// readTxtar reads a txtar archive from testdata.
func readTxtar(t testing.TB, file string) (comment []byte, files []archiveFile) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	comment, files = parseTxtar(data)
	seen := map[string]bool{}
	for _, f := range files {
		if seen[f.Name] {
			t.Fatalf("%s: file %s appears twice", file, f.Name)
		}
		seen[f.Name] = true
	}
	return comment, files
}

// mapFS turns archive files into an in-memory file system. Files whose name
// starts with "want" or "delete" are instructions for the test, not input.
func mapFS(files []archiveFile) fstest.MapFS {
	m := fstest.MapFS{}
	for _, f := range files {
		if isInstruction(f.Name) {
			continue
		}
		m[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return m
}

func isInstruction(name string) bool {
	return !strings.Contains(name, "/") && name != "tebiki.yaml" && name != "glossary.yaml"
}

// loadFixture reads testdata/NAME.txtar as an in-memory project.
func loadFixture(t testing.TB, name string) fstest.MapFS {
	t.Helper()
	_, files := readTxtar(t, filepath.Join("testdata", name+".txtar"))
	return mapFS(files)
}

// overlayFS shows upper on top of lower: a file in upper hides the file of
// the same name in lower, and directories list the entries of both.
type overlayFS struct {
	upper fstest.MapFS
	lower fs.FS
}

func (o overlayFS) Open(name string) (fs.File, error) {
	if _, ok := o.upper[name]; ok {
		return o.upper.Open(name)
	}
	f, err := o.lower.Open(name)
	if err == nil {
		return f, nil
	}
	// A directory that exists only in upper (implied by its files).
	if f, uerr := o.upper.Open(name); uerr == nil {
		return f, nil
	}
	return nil, err
}

func (o overlayFS) ReadDir(name string) ([]fs.DirEntry, error) {
	byName := map[string]fs.DirEntry{}
	lower, lerr := fs.ReadDir(o.lower, name)
	for _, e := range lower {
		byName[e.Name()] = e
	}
	upper, uerr := fs.ReadDir(o.upper, name)
	for _, e := range upper {
		byName[e.Name()] = e
	}
	if lerr != nil && uerr != nil {
		return nil, lerr
	}
	out := make([]fs.DirEntry, 0, len(byName))
	for _, e := range byName {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// repoRoot returns the root of the repository (the folder holding go.mod).
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test folder")
		}
		dir = parent
	}
}

// repoFS is the real project: content/, rules/ and themes/ of the repository.
func repoFS(t testing.TB) fs.FS { return os.DirFS(repoRoot(t)) }

// buildSite builds fsys with the theme into a fresh folder, without the
// interactive checker, and fails the test on any error.
func buildSite(t testing.TB, fsys fs.FS, theme string) (out string, res *site.Result) {
	t.Helper()
	out = filepath.Join(t.TempDir(), "public")
	res, err := site.Build(site.Options{Src: fsys, Out: out, Theme: theme})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return out, res
}

// sampleOptions are the options of the README's build of the sample site:
// the real project, the default theme and the interactive checker (compiled,
// or taken from the user's cache).
func sampleOptions(t testing.TB, out string) site.Options {
	root := repoRoot(t)
	opts := site.Options{Src: os.DirFS(root), Out: out, Theme: "default"}
	if wasmbuild.Available(root) {
		opts.Checker = root
	}
	return opts
}

// buildSample builds the sample site as the README's command does.
func buildSample(t testing.TB) (out string, res *site.Result) {
	t.Helper()
	out = filepath.Join(t.TempDir(), "public")
	res, err := site.Build(sampleOptions(t, out))
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return out, res
}

// readTree reads every file under dir, by slash path relative to dir, but
// the build's record (site.ManifestName), which holds times and hashes of
// the executable: TestIncremental* check it.
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			t.Errorf("%s is not a regular file", p)
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if rel == site.ManifestName {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// compareTrees reports every difference between two trees of files.
func compareTrees(t testing.TB, what string, want, got map[string][]byte) bool {
	t.Helper()
	ok := true
	for _, name := range sortedNames(want) {
		g, found := got[name]
		if !found {
			t.Errorf("%s: missing file %s", what, name)
			ok = false
			continue
		}
		if !bytes.Equal(want[name], g) {
			t.Errorf("%s: %s differs:\n%s", what, name, firstDiff(want[name], g))
			ok = false
		}
	}
	for _, name := range sortedNames(got) {
		if _, found := want[name]; !found {
			t.Errorf("%s: unexpected file %s", what, name)
			ok = false
		}
	}
	return ok
}

// firstDiff shows where two files first differ. Minified HTML is one long
// line, so it splits after every ">" to show a few tags of context.
func firstDiff(want, got []byte) string {
	split := func(b []byte) []string {
		s := strings.ReplaceAll(string(b), ">", ">\n")
		return strings.SplitAfter(s, "\n")
	}
	w, g := split(want), split(got)
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	from := max(0, i-3)
	var b strings.Builder
	show := func(label string, lines []string) {
		b.WriteString(label + "\n")
		for j := from; j < min(len(lines), i+4); j++ {
			mark := "  "
			if j == i {
				mark = "> "
			}
			b.WriteString(mark + strings.TrimSuffix(lines[j], "\n") + "\n")
		}
	}
	show("--- want", w)
	show("+++ got", g)
	return b.String()
}

// prepareOut creates an output folder holding a sentinel file, as a previous
// build would have left it, and returns the folder and a func that fails the
// test unless the folder is exactly as it was and no temporary folder of the
// build is left beside it.
func prepareOut(t testing.TB) (out string, untouched func()) {
	t.Helper()
	parent := t.TempDir()
	out = filepath.Join(parent, "public")
	sentinel := map[string][]byte{
		"index.html":     []byte("<!doctype html><title>old site</title>\n"),
		"ja/index.html":  []byte("old ja\n"),
		"assets/old.css": []byte("body{}\n"),
	}
	for name, b := range sentinel {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A previous build's record: a build may replace this folder.
	if err := os.WriteFile(filepath.Join(out, site.ManifestName), []byte(oldRecordOf(sortedNames(sentinel)...)), 0o644); err != nil {
		t.Fatal(err)
	}
	return out, func() {
		t.Helper()
		compareTrees(t, "output folder after a failed build", sentinel, readTree(t, out))
		entries, err := os.ReadDir(parent)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.Name() != "public" {
				t.Errorf("left beside the output folder: %s", e.Name())
			}
		}
	}
}

// oldRecord is a build record (site.ManifestName) that names no files: the
// next build is full, and may replace the folder.
const oldRecord = `{"version":1,"global":"","date":"","inputs":{},"assets":{},"groups":{}}`

// diagLines returns the lines of a build error, which must be a *diag.Error.
func diagLines(t testing.TB, err error) []string {
	t.Helper()
	if err == nil {
		t.Fatal("Build succeeded; want an error")
	}
	var de *diag.Error
	if !errors.As(err, &de) {
		t.Fatalf("Build error is %T (%v); want *diag.Error", err, err)
	}
	var lines []string
	for _, d := range de.Items {
		lines = append(lines, d.String())
	}
	if got := strings.Join(lines, "\n"); got != err.Error() {
		t.Errorf("Error() = %q; want the items joined by newlines, %q", err.Error(), got)
	}
	return lines
}

// htmlPages lists the .html files of a tree.
func htmlPages(files map[string][]byte) []string {
	var out []string
	for _, name := range sortedNames(files) {
		if path.Ext(name) == ".html" {
			out = append(out, name)
		}
	}
	return out
}

// positioned matches a diagnostic line that starts with file:line:col.
var positioned = regexp.MustCompile(`^[^\s:]+:[1-9][0-9]*:[1-9][0-9]*: \S`)

// oldRecordOf is a build record that lists files (slash paths) as its
// output: a folder holding it and them is a previous build's output.
func oldRecordOf(files ...string) string {
	var b strings.Builder
	b.WriteString(`{"version":1,"global":"","date":"","inputs":{},"assets":{},"groups":{"":{"files":{`)
	for i, f := range files {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "%q:{\"h\":\"\",\"s\":0,\"t\":0}", f)
	}
	b.WriteString(`}}}}`)
	return b.String()
}

var markup = regexp.MustCompile(`<wbr>|</?span[^>]*>`)

// unmark removes the markup that package jatext puts into text (break
// opportunities and lang="ja" spans, and other spans with them), so tests
// can look for sentences as a reader sees them.
func unmark(s string) string { return markup.ReplaceAllString(s, "") }
