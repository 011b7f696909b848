package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// The command line: exit codes, what goes to stdout and stderr, and that a
// failed build leaves the output folder alone.

// copyProject copies content/, rules/ and themes/ of the repository into a
// temporary folder, to be broken there.
func copyProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"content", "rules", "themes"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join("..", "..", "..", sub))); err != nil {
			t.Fatal(err)
		}
	}
	copySiteFiles(t, filepath.Join("..", "..", ".."), dir)
	return dir
}

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// oldSite fills a folder as a previous build would have, and returns a func
// that fails the test unless it is unchanged and alone in its parent.
func oldSite(t *testing.T) (out string, unchanged func()) {
	t.Helper()
	parent := t.TempDir()
	out = filepath.Join(parent, "public")
	if err := os.MkdirAll(filepath.Join(out, "ja"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "ja", "index.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, site.ManifestName), []byte(oldRecordOf("ja/index.html")), 0o644); err != nil {
		t.Fatal(err)
	}
	return out, func() {
		t.Helper()
		var names []string
		filepath.WalkDir(parent, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(parent, p)
				names = append(names, filepath.ToSlash(rel))
			}
			return nil
		})
		if strings.Join(names, ",") != "public/"+site.ManifestName+",public/ja/index.html" {
			t.Errorf("after the failed build the output's folder holds %v; want only public/ja/index.html and the record", names)
		}
		if b, _ := os.ReadFile(filepath.Join(out, "ja", "index.html")); string(b) != "old" {
			t.Errorf("public/ja/index.html now holds %q", b)
		}
	}
}

// oldRecord is a build record (site.ManifestName) that names no files.
const oldRecord = `{"version":1,"global":"","date":"","inputs":{},"assets":{},"groups":{}}`

var diagLine = regexp.MustCompile(`^[^\s:]+:[1-9][0-9]*:[1-9][0-9]*: \S`)

func TestBuildProblems(t *testing.T) {
	src := copyProject(t)
	// Two problems in two files: a word for a number in a city file, and a
	// content page without its English version.
	city := filepath.Join(src, "rules", "sanda", "city.yaml")
	b, err := os.ReadFile(city)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	line := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "weight: ") {
			lines[i], line = "weight: two", i+1
		}
	}
	if line < 0 {
		t.Fatal("rules/sanda/city.yaml has no weight line")
	}
	if err := os.WriteFile(city, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "content", "extra.ja.md"), []byte("---\ntitle: 追加\n---\n本文\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"content/extra.ja.md:1:1: missing translation: this page has no version in language \"easy\" (create content/extra.easy.md with the translation)",
		"content/extra.ja.md:1:1: missing translation: this page has no version in language \"en\" (create content/extra.en.md with the translation)",
		fmt.Sprintf(`rules/sanda/city.yaml:%d:9: expected a whole number, found "two"`, line),
		"tebiki: 3 problem(s); nothing was written",
	}

	t.Run("build", func(t *testing.T) {
		out, unchanged := oldSite(t)
		code, stdout, stderr := runCmd("build", "-src", src, "-out", out)
		if code != 1 || stdout != "" {
			t.Errorf("exit %d, stdout %q; want 1 and nothing", code, stdout)
		}
		if got := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("stderr:\n%s\nwant:\n%s", stderr, strings.Join(want, "\n"))
		}
		for _, l := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
			if !diagLine.MatchString(l) && !strings.HasPrefix(l, "tebiki: ") {
				t.Errorf("not file:line:col: %q", l)
			}
		}
		unchanged()
	})
	t.Run("check", func(t *testing.T) {
		code, stdout, stderr := runCmd("check", "-src", src)
		if code != 1 || stdout != "" || strings.TrimSuffix(stderr, "\n") != strings.Join(want, "\n") {
			t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant 1, nothing and:\n%s", code, stdout, stderr, strings.Join(want, "\n"))
		}
	})
}

func TestBuildAndCheckSample(t *testing.T) {
	src, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "site")
	code, stdout, stderr := runCmd("build", "-src", src, "-out", out)
	if code != 0 || stderr != "" {
		t.Fatalf("build: exit %d, stderr:\n%s", code, stderr)
	}
	m := regexp.MustCompile(`^tebiki: built ([0-9]+) pages \(([0-9]+) files, [0-9]+ KB\) in \S+ into (.+)\n$`).FindStringSubmatch(stdout)
	if m == nil || m[3] != out {
		t.Fatalf("build printed %q", stdout)
	}
	var pages, files int
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != site.ManifestName {
			files++
			if strings.HasSuffix(p, ".html") {
				pages++
			}
		}
		return nil
	})
	if m[1] != fmt.Sprint(pages) || m[2] != fmt.Sprint(files) {
		t.Errorf("build printed %q; the output has %d pages, %d files", stdout, pages, files)
	}

	code, stdout, stderr = runCmd("check", "-src", src)
	if code != 0 || stderr != "" || !regexp.MustCompile(fmt.Sprintf(`^tebiki: no problems in %d pages\b.*\n$`, pages)).MatchString(stdout) {
		t.Errorf("check: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestUsage(t *testing.T) {
	for _, c := range []struct {
		name   string
		args   []string
		code   int
		stdout string // a substring; "" means nothing at all
		stderr string
	}{
		{"no command", nil, 2, "", "usage: tebiki <command>"},
		{"unknown command", []string{"frobnicate"}, 2, "", `tebiki: unknown command "frobnicate"`},
		{"help", []string{"help"}, 0, "usage: tebiki <command>", ""},
		{"unknown flag", []string{"build", "-nope"}, 2, "", "flag provided but not defined: -nope"},
		{"build -h", []string{"build", "-h"}, 0, "usage: tebiki build [flags]", ""},
		{"check -h", []string{"check", "-help"}, 0, "usage: tebiki check [flags]", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(c.args...)
			if code != c.code {
				t.Errorf("exit %d; want %d", code, c.code)
			}
			for _, x := range []struct{ name, got, want string }{{"stdout", stdout, c.stdout}, {"stderr", stderr, c.stderr}} {
				if x.want == "" && x.got != "" || !strings.Contains(x.got, x.want) {
					t.Errorf("%s = %q; want %q", x.name, x.got, x.want)
				}
			}
		})
	}
}

func TestUnknownTheme(t *testing.T) {
	src, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	out, unchanged := oldSite(t)
	code, stdout, stderr := runCmd("build", "-src", src, "-out", out, "-theme", "nope")
	want := "themes/nope: theme \"nope\" not found (create the theme folder, or check its name)\ntebiki: 1 problem(s); nothing was written\n"
	if code != 1 || stdout != "" || stderr != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want 1, nothing, %q", code, stdout, stderr, want)
	}
	unchanged()
}

// A build over the last output says it was incremental and what it did; an
// edit of one city's hours renders that city only, and the page shows them.
func TestBuildIncrementalSummary(t *testing.T) {
	src := copyProject(t)
	out := filepath.Join(t.TempDir(), "public")
	build := func() string {
		t.Helper()
		code, stdout, stderr := runCmd("build", "-src", src, "-out", out, "-checker=false", "-date", "2026-11-22")
		if code != 0 {
			t.Fatalf("build: exit %d\n%s", code, stderr)
		}
		return stdout
	}
	if s := build(); strings.Contains(s, "incremental") {
		t.Errorf("the first build: %q", s)
	}
	if s := build(); !regexp.MustCompile(`^tebiki: built 157 pages \([0-9]+ files, [0-9]+ KB\) in [^ ]+ \(nothing changed since the last build: inputs and outputs checked, nothing loaded or written\) into `).MatchString(s) {
		t.Errorf("a build with nothing changed: %q", s)
	}
	city := filepath.Join(src, "rules", "sanda", "city.yaml")
	b, err := os.ReadFile(city)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(b), `close: "17:30"`, `close: "17:45"`, 1)
	if edited == string(b) {
		t.Fatal(`rules/sanda/city.yaml has no close: "17:30"`)
	}
	if err := os.WriteFile(city, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	// The rule tests that state the hours must change too, or the build stops.
	tests, _ := filepath.Glob(filepath.Join(src, "rules", "sanda", "*.test.yaml"))
	for _, f := range tests {
		b, _ := os.ReadFile(f)
		s := strings.NewReplacer("17:30", "17:45", "17時30分", "17時45分").Replace(string(b))
		os.WriteFile(f, []byte(s), 0o644)
	}
	s := build()
	if !regexp.MustCompile(`\(incremental: rendered 1 changed city and the top pages, [0-9]+ pages; wrote [1-9][0-9]* files, removed 0, kept the rest\) into `).MatchString(s) {
		t.Errorf("after editing one city: %q", s)
	}
	page, err := os.ReadFile(filepath.Join(out, "en", "sanda", "index.html"))
	if err != nil || !strings.Contains(string(page), "17:45") {
		t.Errorf("en/sanda/index.html does not show the new hours")
	}
}

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

// copySiteFiles copies the site's settings (tebiki.yaml: its languages) and
// furigana glossary from the repository root to dst.
func copySiteFiles(t *testing.T, root, dst string) {
	t.Helper()
	for _, f := range []string{"tebiki.yaml", "glossary.yaml"} {
		b, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
