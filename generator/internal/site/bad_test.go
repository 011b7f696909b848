package site_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// Bad input: each testdata/bad/NAME.txtar changes the project of
// testdata/site.txtar (its files replace the project's files of the same
// name; the lines of its "delete" section name files to remove) and lists in
// its "want" section every line the build must report, exactly and in
// order. The build must fail with a *diag.Error and leave the output folder
// as it was, with no temporary folder left beside it.
//
// A fixture may also hold a "bug" section: what the build reports today,
// where that differs from "want" because of a known bug in the generator
// (described in the fixture's comment). The case is skipped, naming the bug,
// while the build reports exactly the "bug" lines; it passes once the build
// reports the "want" lines; anything else fails.
//
// UPDATE_SNAPSHOTS=1 rewrites the "want" sections (not "bug" ones); check
// every position by hand before committing them.

// badCase is one bad-input fixture.
type badCase struct {
	file    string
	comment []byte
	files   []archiveFile
	want    []string
	bug     []string
	fsys    fstest.MapFS
}

func loadBadCase(t *testing.T, base fstest.MapFS, file string) badCase {
	t.Helper()
	c := badCase{file: file, fsys: fstest.MapFS{}}
	c.comment, c.files = readTxtar(t, file)
	for name, f := range base {
		c.fsys[name] = f
	}
	for _, f := range c.files {
		switch f.Name {
		case "want":
			c.want = nonEmptyLines(string(f.Data))
		case "bug":
			c.bug = nonEmptyLines(string(f.Data))
		case "delete":
			for _, name := range nonEmptyLines(string(f.Data)) {
				if _, ok := c.fsys[name]; !ok {
					t.Fatalf("%s: delete %s: no such file in the base project", file, name)
				}
				delete(c.fsys, name)
			}
		default:
			if isInstruction(f.Name) {
				t.Fatalf("%s: unknown section %q", file, f.Name)
			}
			c.fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
		}
	}
	return c
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// rewriteWant replaces the "want" section of the case's file with got.
func (c badCase) rewriteWant(t *testing.T, got []string) {
	var b bytes.Buffer
	b.Write(c.comment)
	for _, f := range c.files {
		b.WriteString("-- " + f.Name + " --\n")
		if f.Name == "want" {
			for _, l := range got {
				b.WriteString(l + "\n")
			}
			continue
		}
		b.Write(f.Data)
	}
	if err := os.WriteFile(c.file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("rewrote the want section of %s; check every position by hand", c.file)
}

func TestBadInput(t *testing.T) {
	base := loadFixture(t, "site")
	files, err := filepath.Glob(filepath.Join("testdata", "bad", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 {
		t.Fatalf("found %d bad-input fixtures; expected the whole set", len(files))
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := loadBadCase(t, base, file)
			out, untouched := prepareOut(t)
			res, err := site.Build(site.Options{Src: c.fsys, Out: out, Theme: "t"})
			if res != nil {
				t.Errorf("Build returned a result (%v) with its error", res)
			}
			got := diagLines(t, err)
			untouched()
			checkSorted(t, got)

			if updating() && c.bug == nil {
				c.rewriteWant(t, got)
				return
			}
			if len(c.want) == 0 {
				t.Fatalf("%s has no want section; the build reported:\n%s", file, strings.Join(got, "\n"))
			}
			gotS, wantS := strings.Join(got, "\n"), strings.Join(c.want, "\n")
			if c.bug != nil && gotS == strings.Join(c.bug, "\n") {
				t.Skipf("known bug, see the comment of %s:\n%s\nThe build reports:\n%s\nwant:\n%s", file, strings.TrimSpace(string(c.comment)), gotS, wantS)
			}
			if gotS != wantS {
				t.Errorf("the build reported:\n%s\n\nwant:\n%s\n\nIf the new report is right, UPDATE_SNAPSHOTS=1 go test ./generator/internal/site/ -run BadInput rewrites the want sections; inspect the diff and check every position by hand.", gotS, wantS)
			}
			if c.bug != nil && gotS == wantS {
				t.Logf("the bug recorded in %s is fixed; delete its bug section", file)
			}
			for _, l := range got {
				if !positioned.MatchString(l) {
					t.Errorf("not positioned as file:line:col: %q", l)
				}
			}
		})
	}
}

// checkSorted fails unless the lines are sorted by file, then line and
// column as numbers.
func checkSorted(t *testing.T, lines []string) {
	t.Helper()
	type key struct {
		file      string
		line, col int
	}
	parse := func(l string) key {
		m := regexp.MustCompile(`^([^\s:]+)(?::([0-9]+))?(?::([0-9]+))?:`).FindStringSubmatch(l)
		if m == nil {
			return key{file: l}
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		return key{m[1], line, col}
	}
	for i := 1; i < len(lines); i++ {
		a, b := parse(lines[i-1]), parse(lines[i])
		if a.file > b.file || a.file == b.file && (a.line > b.line || a.line == b.line && a.col > b.col) {
			t.Errorf("not sorted:\n%s\n%s", lines[i-1], lines[i])
		}
	}
}
